<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>{commit} (with uncommitted changes)</source>
        <translation>{commit}（含未提交的更改）</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>关于 {app}</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Commit:</source>
        <translation>提交：</translation>
    </message>
    <message>
        <source>Wallet data:</source>
        <translation>钱包数据：</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>设置：</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
    <message>
        <source>The wallet data folder holds the encrypted vault, the accounts, the history and the log ({log}).</source>
        <translation>钱包数据文件夹存放加密的保险库、账户、历史记录和日志（{log}）。</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Account {number}</source>
        <translation>账户 {number}</translation>
    </message>
    <message>
        <source>Keystore saved to {path}.</source>
        <translation>密钥库文件已保存到 {path}。</translation>
    </message>
    <message>
        <source>Address of {name} copied.</source>
        <translation>已复制 {name} 的地址。</translation>
    </message>
    <message>
        <source>Imported account</source>
        <translation>导入的账户</translation>
    </message>
    <message>
        <source>Select an account first.</source>
        <translation>请先选择一个账户。</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Refreshing balances…</source>
        <translation>正在刷新余额…</translation>
    </message>
    <message>
        <source>Now tracking {symbol} ({name}).</source>
        <translation>已开始跟踪 {symbol}（{name}）。</translation>
    </message>
    <message>
        <source>Imported {imported} tokens; skipped {skipped} for other networks or malformed.</source>
        <translation>已导入 {imported} 个代币；跳过 {skipped} 个（属于其他网络或格式错误）。</translation>
    </message>
    <message>
        <source>Import a token list</source>
        <translation>导入代币列表</translation>
    </message>
    <message>
        <source>Token lists (*.json)</source>
        <translation>代币列表 (*.json)</translation>
    </message>
    <message>
        <source>Balances on {chain}</source>
        <translation>{chain} 上的余额</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>No network selected.</source>
        <translation>未选择网络。</translation>
    </message>
    <message>
        <source>As of block {block}</source>
        <translation>截至区块 {block}</translation>
    </message>
    <message>
        <source>Only accounts from the recovery phrase have an extended public key.</source>
        <translation>只有由助记词派生的账户才有扩展公钥。</translation>
    </message>
    <message>
        <source>Extended public key of {name} copied: it reveals all addresses of the account, but no key.</source>
        <translation>已复制 {name} 的扩展公钥：它会暴露该账户的所有地址，但不包含任何私钥。</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>已添加 {name}。</translation>
    </message>
    <message>
        <source>Recovery phrase</source>
        <translation>助记词</translation>
    </message>
    <message>
        <source>Imported key</source>
        <translation>导入的私钥</translation>
    </message>
    <message>
        <source>Hardware wallet</source>
        <translation>硬件钱包</translation>
    </message>
    <message>
        <source>Offline signer</source>
        <translation>离线签名</translation>
    </message>
    <message>
        <source>Watch only</source>
        <translation>仅观察</translation>
    </message>
    <message>
        <source>Derivation path: {path}</source>
        <translation>派生路径：{path}</translation>
    </message>
    <message>
        <source>{count} balances could not be read and are not counted.</source>
        <translation>有 {count} 项余额无法读取，未计入总额。</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price (USD)</source>
        <translation>价格（美元）</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>No wallet on this computer yet. Create a new one, or restore one from its recovery phrase.</source>
        <translation>这台电脑上还没有钱包。创建一个新钱包，或用助记词恢复钱包。</translation>
    </message>
    <message>
        <source>Create or restore a wallet…</source>
        <translation>创建或恢复钱包…</translation>
    </message>
    <message>
        <source>Create or restore a hot wallet on this computer…</source>
        <translation>在这台电脑上创建或恢复热钱包…</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Remember on this computer</source>
        <translation>在这台电脑上记住密码</translation>
    </message>
    <message>
        <source>Watch-only</source>
        <translation>仅观察</translation>
    </message>
    <message>
        <source>Asking the playground for test coins…</source>
        <translation>正在向练习场申请测试币…</translation>
    </message>
    <message>
        <source>{name} received {amounts}. Swap and Atomic swap can be tried now.</source>
        <translation>{name} 已收到 {amounts}。现在可以试用兑换和原子交换了。</translation>
    </message>
    <message>
        <source>Wallet total on {chain}: {value}</source>
        <translation>{chain} 上的钱包总额：{value}</translation>
    </message>
    <message>
        <source>Wallet total ≈ {value} on {chain}</source>
        <translation>{chain} 上的钱包总额 ≈ {value}</translation>
    </message>
    <message>
        <source>prices from the chain&apos;s DEX</source>
        <translation>价格来自链上 DEX</translation>
    </message>
    <message>
        <source>no prices on this chain</source>
        <translation>此链上没有价格</translation>
    </message>
    <message>
        <source>updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <source>Holdings of {account} on {chain}</source>
        <translation>{account} 在 {chain} 上的资产</translation>
    </message>
    <message>
        <source>Proven against block {block} agreed by {count} nodes</source>
        <translation>已根据 {count} 个节点一致认可的区块 {block} 验证</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>未验证</translation>
    </message>
    <message>
        <source>Token balances are not proven: they are what one node&apos;s contract calls returned.</source>
        <translation>代币余额未经证明：它们是单个节点的合约调用返回的结果。</translation>
    </message>
    <message>
        <source>Hide zero balances</source>
        <translation>隐藏零余额</translation>
    </message>
    <message>
        <source>Show {count} zero balances</source>
        <translation>显示 {count} 项零余额</translation>
    </message>
    <message>
        <source>Remember on this computer (no system keyring here)</source>
        <translation>在这台电脑上记住密码（此电脑没有系统钥匙串）</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so the password cannot be remembered.</source>
        <translation>这台电脑没有可用的系统钥匙串，因此无法记住密码。</translation>
    </message>
    <message>
        <source>Renamed to {name}.</source>
        <translation>已重命名为 {name}。</translation>
    </message>
    <message>
        <source>The recovery phrase stays: &quot;Add account&quot; brings this account back.</source>
        <translation>助记词会保留：点击“添加账户”即可找回此账户。</translation>
    </message>
    <message>
        <source>Its private key is deleted from this computer. Without a backup of the key, its funds are lost.</source>
        <translation>其私钥将从本机删除。如果没有备份该私钥，其中的资金将会丢失。</translation>
    </message>
    <message>
        <source>Only the entry goes: the keys were never on this computer.</source>
        <translation>只删除此条目：密钥从未保存在本机上。</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>移除账户</translation>
    </message>
    <message>
        <source>Remove {name} ({address})?</source>
        <translation>移除 {name}（{address}）？</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>已移除 {name}。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Manage</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>Copy xpub</source>
        <translation>复制 xpub</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Rename account…</source>
        <translation>重命名账户…</translation>
    </message>
    <message>
        <source>Remove account…</source>
        <translation>移除账户…</translation>
    </message>
    <message>
        <source>Show recovery phrase…</source>
        <translation>显示助记词…</translation>
    </message>
    <message>
        <source>Import key…</source>
        <translation>导入私钥…</translation>
    </message>
    <message>
        <source>Import keystore…</source>
        <translation>导入密钥库…</translation>
    </message>
    <message>
        <source>Export keystore…</source>
        <translation>导出密钥库…</translation>
    </message>
    <message>
        <source>Sign offline request…</source>
        <translation>签署离线请求…</translation>
    </message>
    <message>
        <source>Use this computer as the offline signer of a request exported by an online wallet.</source>
        <translation>将这台电脑用作离线签名设备，签署在线钱包导出的请求。</translation>
    </message>
    <message>
        <source>Get test coins</source>
        <translation>领取测试币</translation>
    </message>
    <message>
        <source>The playground sends the selected account test coins and every test token.</source>
        <translation>练习场会向所选账户发送测试币和所有测试代币。</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Value (USD)</source>
        <translation>价值（美元）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Add token…</source>
        <translation>添加代币…</translation>
    </message>
    <message>
        <source>Import token list…</source>
        <translation>导入代币列表…</translation>
    </message>
</context>
<context>
    <name>AddNetworkDialog</name>
    <message>
        <source>Add a network</source>
        <translation>添加网络</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Chain id</source>
        <translation>链 ID</translation>
    </message>
    <message>
        <source>Coin symbol</source>
        <translation>币种符号</translation>
    </message>
    <message>
        <source>RPC URL</source>
        <translation>RPC 地址</translation>
    </message>
    <message>
        <source>Explorer URL (optional)</source>
        <translation>区块浏览器地址（可选）</translation>
    </message>
</context>
<context>
    <name>AddTokenDialog</name>
    <message>
        <source>Add a token</source>
        <translation>添加代币</translation>
    </message>
    <message>
        <source>Token contract address</source>
        <translation>代币合约地址</translation>
    </message>
    <message>
        <source>0x… contract address</source>
        <translation>0x… 合约地址</translation>
    </message>
</context>
<context>
    <name>ApprovalsDialog</name>
    <message>
        <source>No router may spend your tokens.</source>
        <translation>没有路由合约可以花费您的代币。</translation>
    </message>
    <message>
        <source>Reading the allowances…</source>
        <translation>正在读取授权额度…</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>无限</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Revoking {router}&apos;s allowance of {symbol}…</source>
        <translation>正在撤销 {router} 的 {symbol} 授权额度…</translation>
    </message>
    <message>
        <source>Check the transaction on your device&apos;s screen and confirm it there…</source>
        <translation>请在设备屏幕上核对该交易并在设备上确认…</translation>
    </message>
    <message>
        <source>Sign the revocation on the offline computer.</source>
        <translation>请在离线电脑上签署撤销交易。</translation>
    </message>
    <message>
        <source>Signing cancelled. Nothing was sent.</source>
        <translation>已取消签名。没有发送任何内容。</translation>
    </message>
    <message>
        <source>Revoked: transaction {hash} is confirmed.</source>
        <translation>已撤销：交易 {hash} 已确认。</translation>
    </message>
    <message>
        <source>Token approvals</source>
        <translation>代币批准</translation>
    </message>
    <message>
        <source>Routers that {account} has allowed to spend its tokens on {network}. An unlimited allowance lets the router take all of that token, now and later: revoke the ones you no longer use.</source>
        <translation>{account} 在 {network} 上允许花费其代币的路由合约。无限额度允许路由合约取走该代币的全部余额，现在和以后都可以：请撤销您不再使用的批准。</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>代币</translation>
    </message>
    <message>
        <source>Router</source>
        <translation>路由合约</translation>
    </message>
    <message>
        <source>Allowance</source>
        <translation>授权额度</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>AtomicMessageDialog</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Save to file…</source>
        <translation>保存到文件…</translation>
    </message>
    <message>
        <source>Save swap message</source>
        <translation>保存兑换消息</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>无法写入文件：{reason}</translation>
    </message>
</context>
<context>
    <name>AtomicSwapModel</name>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{time} (+about {minutes} min)</source>
        <translation>{time}（约再晚 {minutes} 分钟）</translation>
    </message>
    <message>
        <source>Retrying: {reason}</source>
        <translation>正在重试：{reason}</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>挂单方</translation>
    </message>
    <message>
        <source>taker</source>
        <translation>接单方</translation>
    </message>
    <message>
        <source>Locking your coins</source>
        <translation>正在锁定您的币</translation>
    </message>
    <message>
        <source>Claiming the counterparty&apos;s coins</source>
        <translation>正在领取对方的币</translation>
    </message>
    <message>
        <source>Nothing: this app sends the claim and waits until it is confirmed</source>
        <translation>无需操作：本应用发送领取交易并等待其确认</translation>
    </message>
    <message>
        <source>Waiting for you to review your lock</source>
        <translation>等待您审核锁定</translation>
    </message>
    <message>
        <source>Waiting for the maker&apos;s lock</source>
        <translation>等待挂单方锁定</translation>
    </message>
    <message>
        <source>Waiting for the counterparty&apos;s lock</source>
        <translation>等待对方锁定</translation>
    </message>
    <message>
        <source>Waiting for the maker to claim</source>
        <translation>等待挂单方领取</translation>
    </message>
    <message>
        <source>Claimed; the counterparty claims its side</source>
        <translation>已领取；对方将领取其一侧</translation>
    </message>
    <message>
        <source>Refunding your coins</source>
        <translation>正在退回您的币</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Refused: the counterparty&apos;s lock did not match</source>
        <translation>已拒绝：对方的锁定与报价不符</translation>
    </message>
    <message>
        <source>Ended: nothing was locked before the offer expired</source>
        <translation>已结束：报价过期前未锁定任何资金</translation>
    </message>
    <message>
        <source>Missed: your side was claimed, but the counterparty took its own back before this wallet claimed it (the app was closed past the claim time)</source>
        <translation>已错过：你这边已被对方领取，但在本钱包领取之前，对方已取回了自己锁定的资产（应用在领取期限过后仍处于关闭状态）</translation>
    </message>
    <message>
        <source>Check your lock above, then press Sign and lock (or Cancel the swap)</source>
        <translation>请核对上方的锁定，然后点击“签名并锁定”（或“取消兑换”）</translation>
    </message>
    <message>
        <source>Lock, then wait for the counterparty&apos;s lock</source>
        <translation>锁定，然后等待对方锁定</translation>
    </message>
    <message>
        <source>This app locks your side once the maker&apos;s lock is confirmed</source>
        <translation>挂单方的锁定确认后，本应用锁定您这一方</translation>
    </message>
    <message>
        <source>This app locks your side, then waits for the maker to claim</source>
        <translation>本应用锁定您这一方，然后等待挂单方领取</translation>
    </message>
    <message>
        <source>This app claims once the counterparty&apos;s lock is confirmed, or refunds yours at {time}</source>
        <translation>对方的锁定确认后本应用即领取，否则于 {time} 退还您的锁定</translation>
    </message>
    <message>
        <source>This app claims as soon as the maker&apos;s claim shows the secret, or refunds yours at {time}</source>
        <translation>挂单方的领取一公开秘密，本应用即领取，否则于 {time} 退还您的锁定</translation>
    </message>
    <message>
        <source>Nothing: this app sends the refund and waits until it is confirmed</source>
        <translation>无需操作：本应用发送退款交易并等待其确认</translation>
    </message>
    <message>
        <source>Nothing: your side is done</source>
        <translation>无：您这一侧已完成</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>You give</source>
        <translation>您付出</translation>
    </message>
    <message>
        <source>You get</source>
        <translation>您获得</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Refundable at</source>
        <translation>可退款时间</translation>
    </message>
    <message>
        <source>Claimable until</source>
        <translation>可领取截止</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
</context>
<context>
    <name>AtomicSwapPage</name>
    <message>
        <source>Atomic swap</source>
        <translation>原子兑换</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>Make an offer</source>
        <translation>创建报价</translation>
    </message>
    <message>
        <source>You give:</source>
        <translation>您付出：</translation>
    </message>
    <message>
        <source>You get:</source>
        <translation>您获得：</translation>
    </message>
    <message>
        <source>Offer valid for (minutes):</source>
        <translation>报价有效期（分钟）：</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Create offer</source>
        <translation>创建报价</translation>
    </message>
    <message>
        <source>Take an offer</source>
        <translation>接受报价</translation>
    </message>
    <message>
        <source>Load from file…</source>
        <translation>从文件加载…</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Got an acceptance of your offer? Paste it to start the swap:</source>
        <translation>收到了对您报价的接受？粘贴它以开始兑换：</translation>
    </message>
    <message>
        <source>dwswap1a:…</source>
        <translation>dwswap1a:…</translation>
    </message>
    <message>
        <source>Start swap</source>
        <translation>开始兑换</translation>
    </message>
    <message>
        <source>The wallet is locked. Enter its password so the swaps can sign:</source>
        <translation>钱包已锁定。请输入密码，以便兑换能够签名：</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign and lock</source>
        <translation>签名并锁定</translation>
    </message>
    <message>
        <source>Cancel the swap</source>
        <translation>取消兑换</translation>
    </message>
    <message>
        <source>{account} is a hardware or offline account: it cannot sign Bitcoin or Litecoin swaps yet. Choose an account of this wallet&apos;s recovery phrase for a {chain} leg.</source>
        <translation>{account} 是硬件或离线账户，暂时无法签署比特币或莱特币兑换。涉及 {chain} 的兑换请选择本钱包助记词下的账户。</translation>
    </message>
    <message>
        <source>On {chain} you pay from and are paid to {address}, the {coin} address of your recovery phrase.</source>
        <translation>在 {chain} 上，您用 {address}（您助记词的 {coin} 地址）付款和收款。</translation>
    </message>
    <message>
        <source>On {chain} you pay from and are paid to the {coin} address of your recovery phrase (shown once the wallet is unlocked).</source>
        <translation>在 {chain} 上，您用助记词的 {coin} 地址付款和收款（钱包解锁后显示）。</translation>
    </message>
    <message>
        <source>Choose an account and both chains.</source>
        <translation>请选择一个账户和两条链。</translation>
    </message>
    <message>
        <source>Your offer</source>
        <translation>您的报价</translation>
    </message>
    <message>
        <source>Send this offer to the other party. When they accept it, paste their acceptance below to start the swap.</source>
        <translation>将此报价发送给对方。对方接受后，在下方粘贴其接受消息以开始兑换。</translation>
    </message>
    <message>
        <source>Enter an amount above zero for both legs.</source>
        <translation>请为双方都输入大于零的数量。</translation>
    </message>
    <message>
        <source>On {chain} the amount must be at least {least} {symbol} (a claim pays its fee out of it) and at most {most} {symbol}, the coin&apos;s whole supply.</source>
        <translation>在 {chain} 上，数量至少为 {least} {symbol}（领取交易的手续费从中支付），至多为 {most} {symbol}（该币的全部供应量）。</translation>
    </message>
    <message>
        <source>Load a swap offer</source>
        <translation>加载兑换报价</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>The file could not be read: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>The maker {maker} locks {amount} {symbol} on {chain}; you receive it.</source>
        <translation>挂单方 {maker} 在 {chain} 上锁定 {amount} {symbol}；由您领取。</translation>
    </message>
    <message>
        <source>You lock {amount} {symbol} on {chain}; it is paid to {maker}.</source>
        <translation>您在 {chain} 上锁定 {amount} {symbol}；支付给 {maker}。</translation>
    </message>
    <message>
        <source>The offer expires at {time}.</source>
        <translation>报价于 {time} 过期。</translation>
    </message>
    <message>
        <source>The maker&apos;s lock becomes refundable at {time_a} and yours at {time_b} (set by the offer): keep the app running until the swap ends.</source>
        <translation>挂单方的锁定在 {time_a} 可退款，您的在 {time_b} 可退款（由报价确定）：请保持应用运行直到兑换结束。</translation>
    </message>
    <message>
        <source>Started now, the maker&apos;s lock becomes refundable at {time_a} and yours at {time_b}: keep the app running until the swap ends.</source>
        <translation>若现在开始，挂单方的锁定在 {time_a} 可退款，您的在 {time_b} 可退款：请保持应用运行直到兑换结束。</translation>
    </message>
    <message>
        <source>Your lock on {chain}, signed once the maker&apos;s lock is confirmed:</source>
        <translation>您在 {chain} 上的锁定，将在做市方的锁定确认后签名：</translation>
    </message>
    <message>
        <source>Contract: {address} (the swap contract, its code verified)</source>
        <translation>合约：{address}（兑换合约，代码已验证）</translation>
    </message>
    <message>
        <source>Function: {function}</source>
        <translation>函数：{function}</translation>
    </message>
    <message>
        <source>Recipient: {address}</source>
        <translation>接收方：{address}</translation>
    </message>
    <message>
        <source>Token: {symbol} ({address})</source>
        <translation>代币：{symbol}（{address}）</translation>
    </message>
    <message>
        <source>Amount: {amount} {symbol}</source>
        <translation>数量：{amount} {symbol}</translation>
    </message>
    <message>
        <source>Hashlock: the one of the maker&apos;s lock</source>
        <translation>哈希锁：与做市方锁定的相同</translation>
    </message>
    <message>
        <source>Refundable to you from about: {time}</source>
        <translation>大约从此时起可退款给您：{time}</translation>
    </message>
    <message>
        <source>A payment from your {chain} account to a swap contract (P2WSH) that pays {address} with the secret; its address is known once the maker has locked.</source>
        <translation>从您的 {chain} 账户付款到兑换合约 (P2WSH)，凭秘密值支付给 {address}；合约地址在挂单方锁定后才能确定。</translation>
    </message>
    <message>
        <source>You accepted this offer already: its swap is in the list below. Accept shows your acceptance again, to send to the maker if you have not.</source>
        <translation>您已接受过此报价：其兑换在下方列表中。点击“接受”会再次显示您的接受消息，如尚未发送，请发给挂单方。</translation>
    </message>
    <message>
        <source>up to {fee} {symbol} on {chain}</source>
        <translation>在 {chain} 上最多 {fee} {symbol}</translation>
    </message>
    <message>
        <source>Fee for each lock, claim or refund: {fees}.</source>
        <translation>每次锁定、领取或退款的手续费：{fees}。</translation>
    </message>
    <message>
        <source>You are paid (or refunded) at the {coin} address of your recovery phrase (shown once the wallet is unlocked).</source>
        <translation>您在助记词的 {coin} 地址收款（或收到退款）（钱包解锁后显示）。</translation>
    </message>
    <message>
        <source>You receive it at {address}, the {coin} address of your recovery phrase.</source>
        <translation>您在 {address}（您助记词的 {coin} 地址）收到它。</translation>
    </message>
    <message>
        <source>Your acceptance</source>
        <translation>您的接受</translation>
    </message>
    <message>
        <source>Send this acceptance to the maker. The swap starts when the maker&apos;s lock is confirmed; this app does the rest while it runs.</source>
        <translation>将此接受消息发送给挂单方。挂单方的锁定确认后兑换开始；应用运行期间会自动完成其余步骤。</translation>
    </message>
    <message>
        <source>You accepted this offer already, and its swap runs with this acceptance: send it to the maker if you have not.</source>
        <translation>您已接受过此报价，其兑换按此接受消息进行：如尚未发送，请发给挂单方。</translation>
    </message>
    <message>
        <source>This is an offer, not an acceptance: paste it under Take an offer to review it.</source>
        <translation>这是报价，不是接受消息：请粘贴到“接受报价”中审核。</translation>
    </message>
    <message>
        <source>Refundable to you after {time}: the chain accepts the refund about {minutes} min later (its median time trails the clock).</source>
        <translation>{time} 之后可退款给您：链上约在其后 {minutes} 分钟才接受退款（其中位时间落后于时钟）。</translation>
    </message>
    <message>
        <source>Review your lock on {chain} before it is signed:</source>
        <translation>签名前请审核您在 {chain} 上的锁定：</translation>
    </message>
    <message>
        <source>Pay to the swap contract: {address} (P2WSH)</source>
        <translation>付款到兑换合约：{address} (P2WSH)</translation>
    </message>
    <message>
        <source>Amount: {amount} {symbol}, plus the network fee</source>
        <translation>数量：{amount} {symbol}，另加网络手续费</translation>
    </message>
    <message>
        <source>Paid to {address} with the secret</source>
        <translation>凭秘密值支付给 {address}</translation>
    </message>
    <message>
        <source>The counterparty&apos;s lock has {have} of the {needed} confirmations this wallet waits for.</source>
        <translation>对方的锁定已有 {have} 个确认，本钱包需等待 {needed} 个。</translation>
    </message>
    <message>
        <source>This swap offer expired at {time} (by its chain&apos;s clock). Nothing was locked.</source>
        <translation>此兑换报价已于 {time}（按其链上时间）过期。未锁定任何资金。</translation>
    </message>
    <message>
        <source>Refunded to: {address}</source>
        <translation>退款至：{address}</translation>
    </message>
    <message>
        <source>Coin sent with the transaction: {value} {symbol}</source>
        <translation>随交易发送的币：{value} {symbol}</translation>
    </message>
    <message>
        <source>Swap {swap}: {step}. Next: {next}</source>
        <translation>兑换 {swap}：{step}。下一步：{next}</translation>
    </message>
    <message>
        <source>{action} on {chain}: {txid}</source>
        <translation>{chain} 上的{action}：{txid}</translation>
    </message>
    <message>
        <source>Transactions: {list}</source>
        <translation>交易：{list}</translation>
    </message>
    <message>
        <source>Hashlock: 0x{hashlock}</source>
        <translation>哈希锁：0x{hashlock}</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>领取</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Token approval</source>
        <translation>代币授权</translation>
    </message>
    <message>
        <source>Paste an offer (dwswap1o:… or dwswap2o:…)</source>
        <translation>粘贴报价 (dwswap1o:… 或 dwswap2o:…)</translation>
    </message>
    <message>
        <source>Refundable to you from: {time}</source>
        <translation>可退款给您的时间：{time}</translation>
    </message>
</context>
<context>
    <name>ChainStatusBar</name>
    <message>
        <source>No network</source>
        <translation>未连接网络</translation>
    </message>
    <message>
        <source>● {chain} (chain id {chain_id})</source>
        <translation>● {chain}（链 ID {chain_id}）</translation>
    </message>
    <message>
        <source>Block {height}</source>
        <translation>区块 {height}</translation>
    </message>
    <message>
        <source>Block …</source>
        <translation>区块 …</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change the wallet password</source>
        <translation>修改钱包密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>再次输入新密码</translation>
    </message>
</context>
<context>
    <name>ConfirmPhrasePage</name>
    <message>
        <source>Confirm your backup</source>
        <translation>确认备份</translation>
    </message>
    <message>
        <source>Type the words at these positions of your recovery phrase.</source>
        <translation>请输入助记词中以下位置的单词。</translation>
    </message>
    <message>
        <source>Word #{position}</source>
        <translation>第 {position} 个词</translation>
    </message>
    <message>
        <source>Word #{position} is not right: what you typed is word #{other} of your phrase. Check the order on your paper.</source>
        <translation>第 {position} 个单词不对：您输入的是助记词中的第 {other} 个单词。请核对纸上的顺序。</translation>
    </message>
    <message>
        <source>Word #{position} does not match your recovery phrase.</source>
        <translation>第 {position} 个单词与您的助记词不符。</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Enter a name and the contact&apos;s address.</source>
        <translation>请输入联系人的名称和地址。</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s address (0x…).</source>
        <translation>请输入联系人的地址（0x…）。</translation>
    </message>
    <message>
        <source>The address is not valid: {reason}</source>
        <translation>地址无效：{reason}</translation>
    </message>
    <message>
        <source>This is the address of your own account {name}.</source>
        <translation>这是您自己的账户 {name} 的地址。</translation>
    </message>
    <message>
        <source>This address starts and ends like the one of {name} ({address}) but is a different address. Check every character: look-alike addresses are a common scam.</source>
        <translation>此地址的开头和结尾与 {name} 的地址（{address}）相同，但它是另一个地址。请逐个字符核对：仿冒相似地址是常见的骗局。</translation>
    </message>
    <message>
        <source>Ready to save.</source>
        <translation>可以保存。</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>0x… address (checksummed or all lowercase)</source>
        <translation>0x… 地址（带校验的大小写，或全部小写）</translation>
    </message>
    <message>
        <source>Optional: what the address is for, its ENS name…</source>
        <translation>可选：地址的用途、ENS 名称…</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>Your address book is empty. Save the addresses you send to under a name: Send then offers them as you type and says whose address you entered, History shows their names, and a look-alike address stands out. Add one here, or save a recipient from the Send page.</source>
        <translation>您的地址簿是空的。为常用的收款地址起个名字保存下来：发送时输入即可提示，并显示所填地址属于谁；历史记录会显示其名称；相似的仿冒地址也会更显眼。可在此添加，或在“发送”页面保存收款人。</translation>
    </message>
    <message>
        <source>No contact matches “{text}”.</source>
        <translation>没有与“{text}”匹配的联系人。</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>已保存 {name}。</translation>
    </message>
    <message>
        <source>Updated {name}.</source>
        <translation>已更新 {name}。</translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <source>Remove {name} ({address}) from the address book?</source>
        <translation>要从地址簿中删除 {name}（{address}）吗？</translation>
    </message>
    <message>
        <source>Nothing happens on the chain: only the name goes. Past transactions show the bare address again.</source>
        <translation>链上不会发生任何变化：只是删除这个名称。过去的交易将重新只显示地址。</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>已删除 {name}。</translation>
    </message>
    <message>
        <source>Copied the address of {name}.</source>
        <translation>已复制 {name} 的地址。</translation>
    </message>
    <message>
        <source>Send to…</source>
        <translation>发送给…</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Address books (*.csv *.json)</source>
        <translation>地址簿 (*.csv *.json)</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>导出联系人</translation>
    </message>
    <message>
        <source>Imported {count} contacts from {file}.</source>
        <translation>已从 {file} 导入 {count} 个联系人。</translation>
    </message>
    <message>
        <source>Nothing new in {file}.</source>
        <translation>{file} 中没有新的联系人。</translation>
    </message>
    <message>
        <source>{count} were in the address book already.</source>
        <translation>其中 {count} 个已在地址簿中。</translation>
    </message>
    <message>
        <source>Exported {count} contacts to {file}.</source>
        <translation>已将 {count} 个联系人导出到 {file}。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Address book</source>
        <translation>地址簿</translation>
    </message>
    <message>
        <source>Named addresses you send to. Send suggests them, and History shows their names instead of bare addresses.</source>
        <translation>您发送过的、带名称的地址。发送时会提示它们，历史记录中显示名称而不是单纯的地址。</translation>
    </message>
    <message>
        <source>Search by name, address or note</source>
        <translation>按名称、地址或备注搜索</translation>
    </message>
    <message>
        <source>Add contact…</source>
        <translation>添加联系人…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Add contacts from a CSV file (columns name, address, note) or a JSON file exported by this wallet.</source>
        <translation>从 CSV 文件（列为 name、address、note）或本钱包导出的 JSON 文件添加联系人。</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Ethereum app {version}</source>
        <translation>以太坊应用 {version}</translation>
    </message>
    <message>
        <source>blind signing on</source>
        <translation>盲签已开启</translation>
    </message>
    <message>
        <source>blind signing off</source>
        <translation>盲签已关闭</translation>
    </message>
    <message>
        <source>firmware {version}</source>
        <translation>固件 {version}</translation>
    </message>
    <message>
        <source>PIN asked on first use</source>
        <translation>首次使用时需输入 PIN</translation>
    </message>
    <message>
        <source>passphrase protected</source>
        <translation>已启用密码短语</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Pick an account; its address can be checked on the device&apos;s screen.</source>
        <translation>选择一个账户；可以在设备屏幕上核对其地址。</translation>
    </message>
    <message>
        <source>Reading addresses from the device…</source>
        <translation>正在从设备读取地址…</translation>
    </message>
    <message>
        <source>Added {name}. It signs only on this device.</source>
        <translation>已添加 {name}。它只在这台设备上签名。</translation>
    </message>
    <message>
        <source>The device confirmed {address}.</source>
        <translation>设备已确认 {address}。</translation>
    </message>
    <message>
        <source>The device shows a different address: {address}.</source>
        <translation>设备显示的地址不同：{address}。</translation>
    </message>
    <message>
        <source>Check the address on the device&apos;s screen and confirm it there…</source>
        <translation>请在设备屏幕上核对地址并在设备上确认…</translation>
    </message>
    <message>
        <source>No hardware wallet found</source>
        <translation>未找到硬件钱包</translation>
    </message>
    <message>
        <source>Plug the Ledger or Trezor in with a USB data cable (some cables only charge).</source>
        <translation>用 USB 数据线连接 Ledger 或 Trezor（有些线只能充电）。</translation>
    </message>
    <message>
        <source>Unlock it with its PIN.</source>
        <translation>输入 PIN 码解锁设备。</translation>
    </message>
    <message>
        <source>On a Ledger, open the Ethereum app.</source>
        <translation>在 Ledger 上打开以太坊应用。</translation>
    </message>
    <message>
        <source>Close Ledger Live, Trezor Suite and other wallet apps: only one program can use the device at a time.</source>
        <translation>关闭 Ledger Live、Trezor Suite 和其他钱包程序：同一时间只能有一个程序使用设备。</translation>
    </message>
    <message>
        <source>Allow USB access: Linux lets this app open hardware wallets only with their udev rules, and none are installed. Run this, then unplug the device and plug it in again:</source>
        <translation>允许 USB 访问：Linux 需要安装 udev 规则才允许本程序打开硬件钱包，目前尚未安装。请运行以下命令，然后拔下设备并重新插入：</translation>
    </message>
    <message>
        <source>libusb is not installed, so a Trezor Model T or Safe (which use WebUSB) cannot be found. Install libusb 1.0 and restart the app.</source>
        <translation>未安装 libusb，因此无法找到 Trezor Model T 或 Safe（它们使用 WebUSB）。请安装 libusb 1.0 并重新启动本程序。</translation>
    </message>
    <message>
        <source>Added {name}. Sending from it exports a request for the offline computer.</source>
        <translation>已添加 {name}。从该账户发送时，会导出一个请求交给离线电脑签名。</translation>
    </message>
    <message>
        <source>Added {count} watch-only account(s).</source>
        <translation>已添加 {count} 个仅观察账户。</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Hardware wallets (Ledger, Trezor)</source>
        <translation>硬件钱包（Ledger、Trezor）</translation>
    </message>
    <message>
        <source>Standard (BIP-44: m/44&apos;/60&apos;/0&apos;/0/i)</source>
        <translation>标准（BIP-44：m/44&apos;/60&apos;/0&apos;/0/i）</translation>
    </message>
    <message>
        <source>Ledger Live (m/44&apos;/60&apos;/i&apos;/0/0)</source>
        <translation>Ledger Live（m/44&apos;/60&apos;/i&apos;/0/0）</translation>
    </message>
    <message>
        <source>Show addresses</source>
        <translation>显示地址</translation>
    </message>
    <message>
        <source>Derivation path</source>
        <translation>派生路径</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>More addresses</source>
        <translation>更多地址</translation>
    </message>
    <message>
        <source>Add as account</source>
        <translation>添加为账户</translation>
    </message>
    <message>
        <source>Verify on device</source>
        <translation>在设备上验证</translation>
    </message>
    <message>
        <source>Watch-only account (an address or an xpub)</source>
        <translation>仅观察账户（地址或 xpub）</translation>
    </message>
    <message>
        <source>0x… address or xpub…</source>
        <translation>0x… 地址或 xpub…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Add watch-only</source>
        <translation>添加仅观察账户</translation>
    </message>
    <message>
        <source>Its key is on an offline computer that signs for it, at path:</source>
        <translation>其私钥在一台离线电脑上，由该电脑签名，派生路径：</translation>
    </message>
    <message>
        <source>Plug in and unlock a device, and open its Ethereum app.</source>
        <translation>请插入并解锁设备，然后打开其中的以太坊应用。</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Unexpected error: {detail}</source>
        <translation>意外错误：{detail}</translation>
    </message>
</context>
<context>
    <name>ExportKeystoreDialog</name>
    <message>
        <source>Export a keystore file</source>
        <translation>导出密钥库文件</translation>
    </message>
    <message>
        <source>The file is encrypted with this password (scrypt), as geth and MetaMask expect. Anyone with the file and the password controls the account.</source>
        <translation>文件用此密码加密（scrypt），与 geth 和 MetaMask 兼容。任何同时拥有文件和密码的人都能控制该账户。</translation>
    </message>
    <message>
        <source>Password for the file</source>
        <translation>文件密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
</context>
<context>
    <name>HistoryDetailDialog</name>
    <message>
        <source>Transaction details</source>
        <translation>交易详情</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>Between own accounts</source>
        <translation>自有账户之间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>付款方</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收款方</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Token contract</source>
        <translation>代币合约</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Fee paid</source>
        <translation>已付手续费</translation>
    </message>
    <message>
        <source>Asking the chain…</source>
        <translation>正在查询链…</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>区块</translation>
    </message>
    <message>
        <source>Confirmations</source>
        <translation>确认数</translation>
    </message>
    <message>
        <source>Nonce</source>
        <translation>交易序号</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Paid by the sender</source>
        <translation>由付款方支付</translation>
    </message>
    <message>
        <source>No explorer is configured for this network.</source>
        <translation>此网络未配置区块浏览器。</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>区块浏览器</translation>
    </message>
    <message>
        <source>Copy transaction hash</source>
        <translation>复制交易哈希</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Pending</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>已被替换</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>No longer on the chain</source>
        <translation>已不在链上</translation>
    </message>
    <message>
        <source> (speed-up)</source>
        <translation>（加速）</translation>
    </message>
    <message>
        <source> (cancel)</source>
        <translation>（取消）</translation>
    </message>
    <message>
        <source> (approval)</source>
        <translation>（授权）</translation>
    </message>
    <message>
        <source> (swap)</source>
        <translation>（兑换）</translation>
    </message>
    <message>
        <source> (swap lock)</source>
        <translation>（原子交换锁定）</translation>
    </message>
    <message>
        <source> (swap claim)</source>
        <translation>（原子交换领取）</translation>
    </message>
    <message>
        <source> (swap refund)</source>
        <translation>（原子交换退款）</translation>
    </message>
    <message>
        <source>Time ({zone})</source>
        <translation>时间（{zone}）</translation>
    </message>
    <message>
        <source>Checking the chain…</source>
        <translation>正在核对链…</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Between own accounts</source>
        <translation>自有账户之间</translation>
    </message>
    <message>
        <source>From an earlier playground</source>
        <translation>来自之前的练习场</translation>
    </message>
    <message>
        <source>From another chain with this id</source>
        <translation>来自同一链 ID 的另一条链</translation>
    </message>
    <message>
        <source>Zero address (mint or burn)</source>
        <translation>零地址（铸造或销毁）</translation>
    </message>
    <message>
        <source>Updating… {done} of {total} blocks read.</source>
        <translation>正在更新… 已读取 {done} / {total} 个区块。</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <source>Token transfers are shown from block {block}.</source>
        <translation>代币转账从区块 {block} 起显示。</translation>
    </message>
    <message>
        <source>Coins received are not listed on this network unless an explorer API key is set in Settings; coins this wallet sent are.</source>
        <translation>除非在设置中填写区块浏览器 API 密钥，否则此网络上收到的币不会列出；本钱包发出的币会列出。</translation>
    </message>
    <message>
        <source>Replacement sent with higher fees.</source>
        <translation>已用更高的手续费发送替换交易。</translation>
    </message>
    <message>
        <source>Cancellation sent: the original will not go through if this confirms first.</source>
        <translation>已发送取消交易：如果它先被确认，原交易就不会执行。</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>暂无可导出的记录。</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>导出交易记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>{count} rows exported to {path}.</source>
        <translation>已将 {count} 行导出到 {path}。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>交易记录</translation>
    </message>
    <message>
        <source>Speed up</source>
        <translation>加速</translation>
    </message>
    <message>
        <source>Cancel transaction</source>
        <translation>取消交易</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>Open in explorer</source>
        <translation>在区块浏览器中打开</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Show unknown tokens</source>
        <translation>显示未知代币</translation>
    </message>
    <message>
        <source>Transfers of tokens you do not track. Anyone can send any token to any address: unknown tokens are often spam that imitates a real one, or lures to a scam site.</source>
        <translation>您未跟踪的代币的转账。任何人都可以向任何地址发送任何代币：未知代币常常是仿冒真实代币的垃圾代币，或引诱您访问诈骗网站。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>From</source>
        <translation>付款方</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收款方</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Fee paid</source>
        <translation>已付手续费</translation>
    </message>
    <message>
        <source>Nonce</source>
        <translation>交易序号</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>交易</translation>
    </message>
</context>
<context>
    <name>ImportKeyDialog</name>
    <message>
        <source>Import a private key</source>
        <translation>导入私钥</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名称</translation>
    </message>
    <message>
        <source>Private key (hex)</source>
        <translation>私钥（十六进制）</translation>
    </message>
</context>
<context>
    <name>ImportKeystoreDialog</name>
    <message>
        <source>Import a keystore file</source>
        <translation>导入密钥库文件</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名称</translation>
    </message>
    <message>
        <source>Keystore file (JSON)</source>
        <translation>密钥库文件（JSON）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Keystore password</source>
        <translation>密钥库密码</translation>
    </message>
    <message>
        <source>Keystore file</source>
        <translation>密钥库文件</translation>
    </message>
    <message>
        <source>Keystore files (*.json *)</source>
        <translation>密钥库文件 (*.json *)</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <source>Set up your wallet</source>
        <translation>设置钱包</translation>
    </message>
    <message>
        <source>Create a new wallet</source>
        <translation>创建新钱包</translation>
    </message>
    <message>
        <source>Restore a wallet from its recovery phrase</source>
        <translation>用助记词恢复钱包</translation>
    </message>
    <message>
        <source>Your keys stay on this computer, encrypted with your password. The recovery phrase is the only backup: anyone who has it controls your funds.</source>
        <translation>你的密钥保存在这台电脑上，并用你的密码加密。助记词是唯一的备份：任何得到它的人都能控制你的资金。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Node added; it is checked for the right chain id first.</source>
        <translation>节点已添加；使用前会先核对链 ID。</translation>
    </message>
    <message>
        <source>Network {name} added.</source>
        <translation>已添加网络 {name}。</translation>
    </message>
    <message>
        <source>DeskWallet</source>
        <translation>DeskWallet 钱包</translation>
    </message>
    <message>
        <source>About DeskWallet</source>
        <translation>关于 DeskWallet</translation>
    </message>
</context>
<context>
    <name>OfflineSigningDialog</name>
    <message>
        <source>Save the request</source>
        <translation>保存请求</translation>
    </message>
    <message>
        <source>Open the signed result</source>
        <translation>打开签名结果</translation>
    </message>
    <message>
        <source>Sign on the offline computer</source>
        <translation>在离线电脑上签名</translation>
    </message>
    <message>
        <source>1. On the offline computer, scan this code (it loops through its parts) or open the saved file, check the transaction and sign it.</source>
        <translation>1. 在离线电脑上扫描此二维码（会循环显示各个部分）或打开保存的文件，核对交易后签名。</translation>
    </message>
    <message>
        <source>Save request to a file…</source>
        <translation>将请求保存为文件…</translation>
    </message>
    <message>
        <source>2. Paste or scan the signed result here, or open its file. It is checked against this request before it is sent.</source>
        <translation>2. 在此粘贴或扫描签名结果，或打开其文件。发送前会与本请求逐项核对。</translation>
    </message>
    <message>
        <source>Open signed result…</source>
        <translation>打开签名结果…</translation>
    </message>
    <message>
        <source>Verify and send</source>
        <translation>验证并发送</translation>
    </message>
</context>
<context>
    <name>OnboardingWizard</name>
    <message>
        <source>New wallet</source>
        <translation>新钱包</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>History</source>
        <translation>交易记录</translation>
    </message>
    <message>
        <source>Address book</source>
        <translation>地址簿</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Atomic swap</source>
        <translation>原子交换</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Bitcoin &amp; Litecoin</source>
        <translation>比特币和莱特币</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Trezor passphrase</source>
        <translation>Trezor 密码短语</translation>
    </message>
    <message>
        <source>Enter the passphrase of the wallet to open. Each passphrase opens a different wallet; leave it empty for the standard one.</source>
        <translation>请输入要打开的钱包的密码短语。每个密码短语对应一个不同的钱包；留空则打开标准钱包。</translation>
    </message>
    <message>
        <source>Show the passphrase</source>
        <translation>显示密码短语</translation>
    </message>
</context>
<context>
    <name>PasswordPage</name>
    <message>
        <source>Choose a password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>It encrypts the wallet on this computer and is asked for when you unlock.</source>
        <translation>密码用于加密这台电脑上的钱包，解锁时需要输入。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Remember the password on this computer (system keyring)</source>
        <translation>在这台电脑上记住密码（系统钥匙串）</translation>
    </message>
    <message>
        <source>Add a BIP-39 passphrase (advanced)</source>
        <translation>添加 BIP-39 扩展密码（高级）</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>扩展密码</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>再次输入扩展密码</translation>
    </message>
    <message>
        <source>The passphrase becomes part of your keys: the same words with another passphrase open a different wallet. It is not stored on paper with the words, so losing it loses the funds.</source>
        <translation>扩展密码是密钥的一部分：同一组助记词配上不同的扩展密码会打开不同的钱包。它不和助记词一起写在纸上，丢失它就会丢失资金。</translation>
    </message>
    <message>
        <source>Looking for a system keyring…</source>
        <translation>正在查找系统钥匙串…</translation>
    </message>
    <message>
        <source>Not available: this computer has no system keyring (such as GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager). You will type the password to unlock.</source>
        <translation>不可用：这台电脑没有系统钥匙串（例如 GNOME Keyring、KWallet、macOS 钥匙串或 Windows 凭据管理器）。解锁时需要输入密码。</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>非常弱</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>非常强</translation>
    </message>
    <message>
        <source>use at least 8 characters that are hard to guess</source>
        <translation>请使用至少 8 个难以猜测的字符</translation>
    </message>
    <message>
        <source>Choose a stronger password to continue.</source>
        <translation>请选择更强的密码以继续。</translation>
    </message>
    <message>
        <source>Repeat the password to continue.</source>
        <translation>请再次输入密码以继续。</translation>
    </message>
    <message>
        <source>The passwords differ so far.</source>
        <translation>两次输入的密码目前还不一致。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Type the passphrase, or untick the passphrase option.</source>
        <translation>请输入扩展密码，或取消勾选扩展密码选项。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的扩展密码不一致。</translation>
    </message>
</context>
<context>
    <name>PinMatrixDialog</name>
    <message>
        <source>Unlock your Trezor</source>
        <translation>解锁您的 Trezor</translation>
    </message>
    <message>
        <source>Your Trezor shows the digits 1–9 in a scrambled grid. Click the cells here where your PIN&apos;s digits appear there, in order.</source>
        <translation>您的 Trezor 会在打乱顺序的九宫格中显示数字 1–9。请按顺序点击此处与设备上 PIN 数字所在位置相对应的格子。</translation>
    </message>
    <message>
        <source>Erase the last digit</source>
        <translation>删除最后一位</translation>
    </message>
</context>
<context>
    <name>PlaygroundBanner</name>
    <message>
        <source>Starting the local devnet: two chains with Uniswap and test tokens…</source>
        <translation>正在启动本地测试网：两条带有 Uniswap 和测试代币的链…</translation>
    </message>
    <message>
        <source>No network is configured. Start the local devnet playground to try the wallet with test coins on chains that run on this computer, or choose a network in Settings.</source>
        <translation>尚未配置网络。启动本地测试网练习场，用在本机运行的链和测试币试用钱包，或在“设置”中选择网络。</translation>
    </message>
    <message>
        <source>Start local devnet</source>
        <translation>启动本地测试网</translation>
    </message>
    <message>
        <source>Choose a network…</source>
        <translation>选择网络…</translation>
    </message>
</context>
<context>
    <name>PsbtDialog</name>
    <message>
        <source>Save the PSBT</source>
        <translation>保存 PSBT</translation>
    </message>
    <message>
        <source>Open the signed PSBT</source>
        <translation>打开已签名的 PSBT</translation>
    </message>
    <message>
        <source>Sign with the account&apos;s keys</source>
        <translation>用账户的密钥签名</translation>
    </message>
    <message>
        <source>1. Scan this code with the signer (it loops through its parts), or save the PSBT file for Sparrow, Electrum or another signer, then check and sign the payment there.</source>
        <translation>1. 用签名设备扫描此二维码（它会循环显示各个部分），或将 PSBT 保存为文件供 Sparrow、Electrum 或其他签名工具使用，然后在那里核对并签署这笔付款。</translation>
    </message>
    <message>
        <source>Save PSBT file…</source>
        <translation>保存 PSBT 文件…</translation>
    </message>
    <message>
        <source>2. Paste or scan the signed PSBT here, or open its file. It is checked against this payment before it is broadcast.</source>
        <translation>2. 在此粘贴或扫描已签名的 PSBT，或打开其文件。广播前会将其与这笔付款进行核对。</translation>
    </message>
    <message>
        <source>Open signed PSBT…</source>
        <translation>打开已签名的 PSBT…</translation>
    </message>
    <message>
        <source>Verify and broadcast</source>
        <translation>验证并广播</translation>
    </message>
</context>
<context>
    <name>PsbtSignDialog</name>
    <message>
        <source>Open a PSBT</source>
        <translation>打开 PSBT</translation>
    </message>
    <message>
        <source>Check every line, above all the addresses and amounts, then sign.</source>
        <translation>请逐行核对，尤其是地址和金额，然后签名。</translation>
    </message>
    <message>
        <source>Account: {account}</source>
        <translation>账户：{account}</translation>
    </message>
    <message>
        <source>Account: {account} ({network})</source>
        <translation>账户：{account}（{network}）</translation>
    </message>
    <message>
        <source>Change {amount} back to this account ({address})</source>
        <translation>找零 {amount} 退回本账户（{address}）</translation>
    </message>
    <message>
        <source>{amount} to this account&apos;s own address {address}</source>
        <translation>{amount} 付到本账户自己的地址 {address}</translation>
    </message>
    <message>
        <source>Pay {amount} to {address}</source>
        <translation>向 {address} 支付 {amount}</translation>
    </message>
    <message>
        <source>Network fee: {fee}</source>
        <translation>网络手续费：{fee}</translation>
    </message>
    <message>
        <source>Network fee: {fee} (about {rate} sat/vB)</source>
        <translation>网络手续费：{fee}（约 {rate} sat/vB）</translation>
    </message>
    <message>
        <source>Total leaving this account: {total}</source>
        <translation>从本账户支出合计：{total}</translation>
    </message>
    <message>
        <source>Replaceable (RBF): the fee can be raised later.</source>
        <translation>可替换（RBF）：之后可以提高手续费。</translation>
    </message>
    <message>
        <source>Not replaceable (no RBF): the fee cannot be raised later.</source>
        <translation>不可替换（无 RBF）：之后无法提高手续费。</translation>
    </message>
    <message>
        <source>Not valid before block {height}.</source>
        <translation>在区块 {height} 之前无效。</translation>
    </message>
    <message>
        <source>Not valid before Unix time {time}.</source>
        <translation>在 Unix 时间 {time} 之前无效。</translation>
    </message>
    <message>
        <source>Warning: {count} of its {total} inputs are not this account&apos;s. They are not signed here, and what they spend is not checked.</source>
        <translation>警告：其 {total} 个输入中有 {count} 个不属于本账户。它们不会在此签名，其花费的内容也未经核对。</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>正在签名…</translation>
    </message>
    <message>
        <source>Signed. Scan this code with the online computer (it loops through its parts), or save the signed PSBT to a file.</source>
        <translation>已签名。请用在线电脑扫描此二维码（会循环显示各个部分），或将已签名的 PSBT 保存为文件。</translation>
    </message>
    <message>
        <source>Save the signed PSBT</source>
        <translation>保存已签名的 PSBT</translation>
    </message>
    <message>
        <source>Sign a PSBT with {account}</source>
        <translation>用 {account} 签署 PSBT</translation>
    </message>
    <message>
        <source>Paste the PSBT from the online computer (base64, or the QR code&apos;s parts one per line, in any order), or open its file. Review it, then sign it with this account&apos;s keys.</source>
        <translation>粘贴来自在线电脑的 PSBT（base64，或二维码的各个部分，每行一个，顺序不限），或打开其文件。核对后，用本账户的密钥签名。</translation>
    </message>
    <message>
        <source>Open PSBT file…</source>
        <translation>打开 PSBT 文件…</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Save signed PSBT…</source>
        <translation>保存已签名的 PSBT…</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <source>Receive</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Amount (optional)</source>
        <translation>金额（可选）</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Copy payment link</source>
        <translation>复制收款链接</translation>
    </message>
</context>
<context>
    <name>RecoveryPhraseDialog</name>
    <message>
        <source>Recovery phrase</source>
        <translation>助记词</translation>
    </message>
    <message>
        <source>Anyone who sees these words can take your funds. Make sure nobody is watching and no screen is being recorded. Never type them into a website or share them with anyone.</source>
        <translation>任何看到这些单词的人都能拿走你的资金。请确保没有人在旁观、屏幕没有被录制。切勿将它们输入任何网站或告诉任何人。</translation>
    </message>
    <message>
        <source>Wallet password</source>
        <translation>钱包密码</translation>
    </message>
    <message>
        <source>Show the recovery phrase</source>
        <translation>显示助记词</translation>
    </message>
</context>
<context>
    <name>RenameAccountDialog</name>
    <message>
        <source>Rename account</source>
        <translation>重命名账户</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
</context>
<context>
    <name>RestorePhrasePage</name>
    <message>
        <source>Restore from your recovery phrase</source>
        <translation>用助记词恢复</translation>
    </message>
    <message>
        <source>Type the 12 to 24 words, separated by spaces. Any official word list works.</source>
        <translation>输入 12 到 24 个单词，用空格分隔。支持所有官方词表。</translation>
    </message>
    <message>
        <source>Valid {count}-word recovery phrase ({language}).</source>
        <translation>有效的 {count} 词助记词（{language}）。</translation>
    </message>
    <message>
        <source>This {language} phrase works in this wallet, but MetaMask, Ledger, Trezor and most other wallets import English phrases only.</source>
        <translation>此{language}助记词可在本钱包中使用，但 MetaMask、Ledger、Trezor 和大多数其他钱包只能导入英语助记词。</translation>
    </message>
    <message>
        <source>Did you mean: {words}?</source>
        <translation>你是不是想输入：{words}？</translation>
    </message>
    <message>
        <source>{count} words so far; a recovery phrase has 12, 15, 18, 21 or 24.</source>
        <translation>已输入 {count} 个词；助记词有 12、15、18、21 或 24 个词。</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <source>The recipient address is not valid: {reason}</source>
        <translation>收款地址无效：{reason}</translation>
    </message>
    <message>
        <source>Check the transaction on your device&apos;s screen and confirm it there…</source>
        <translation>请在设备屏幕上核对交易并在设备上确认…</translation>
    </message>
    <message>
        <source>Your Ledger will show “Blind signing” and an amount of 0 {coin} to the token contract {contract}: Ledger publishes no signed description of this token (devnet tokens never have one), so the device cannot show the token, the amount or the recipient. Blind signing must be on in the Ethereum app&apos;s settings. Approve only if the contract matches, and trust this review for the rest.</source>
        <translation>您的 Ledger 将显示“盲签”（Blind signing），并显示向代币合约 {contract} 发送 0 {coin}：Ledger 没有为此代币发布签名描述（开发网代币从来没有），因此设备无法显示代币、金额和收款人。必须在以太坊应用的设置中开启盲签。请仅在合约地址一致时批准，其余内容以本页的核对信息为准。</translation>
    </message>
    <message>
        <source>Your Ledger will show “Blind signing”: it cannot decode this contract call, so check it here. Blind signing must be on in the Ethereum app&apos;s settings.</source>
        <translation>您的 Ledger 将显示“盲签”（Blind signing）：它无法解析此合约调用，请在此处核对。必须在以太坊应用的设置中开启盲签。</translation>
    </message>
    <message>
        <source>it asks for chain id {chain_id}</source>
        <translation>它要求链 ID {chain_id}</translation>
    </message>
    <message>
        <source>Contact: {name} ({address})</source>
        <translation>联系人：{name}（{address}）</translation>
    </message>
    <message>
        <source>Not your contact {name}: this address only starts and ends like theirs ({address}). Check every character.</source>
        <translation>这不是您的联系人 {name}：此地址只是开头和结尾与其地址（{address}）相同。请逐个字符核对。</translation>
    </message>
    <message>
        <source>Not in your address book.</source>
        <translation>不在您的地址簿中。</translation>
    </message>
    <message>
        <source>Your account: {name}</source>
        <translation>您的账户：{name}</translation>
    </message>
    <message>
        <source>Contact: {name}</source>
        <translation>联系人：{name}</translation>
    </message>
    <message>
        <source>The link asks for a token this wallet does not track.</source>
        <translation>该链接要求的代币不在本钱包的跟踪列表中。</translation>
    </message>
    <message>
        <source>Payment link: {address}</source>
        <translation>收款链接：{address}</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>{chain} (chain id {chain_id})</source>
        <translation>{chain}（链 ID {chain_id}）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>付款方</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收款方</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Contract call</source>
        <translation>合约调用</translation>
    </message>
    <message>
        <source>ERC-20 transfer on {contract}</source>
        <translation>在 {contract} 上的 ERC-20 转账</translation>
    </message>
    <message>
        <source>Network fee (at most)</source>
        <translation>网络手续费（最多）</translation>
    </message>
    <message>
        <source>Nonce</source>
        <translation>交易序号</translation>
    </message>
    <message>
        <source>your account {name}</source>
        <translation>您的账户 {name}</translation>
    </message>
    <message>
        <source>contact {name}</source>
        <translation>联系人 {name}</translation>
    </message>
    <message>
        <source>Export for signing…</source>
        <translation>导出以供签名…</translation>
    </message>
    <message>
        <source>Sent. Transaction {hash} is pending; follow it in History.</source>
        <translation>已发送。交易 {hash} 待确认；可在“交易记录”中查看。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>The recipient is a contract. Make sure it can handle what you send.</source>
        <translation>收款方是一个合约。请确认它能处理你发送的资产。</translation>
    </message>
    <message>
        <source>You are sending tokens to the token&apos;s own contract: they would most likely be lost.</source>
        <translation>你正在把代币发送到该代币自己的合约：这些代币很可能会丢失。</translation>
    </message>
    <message>
        <source>This address looks like one you know but is different. Check every character: this is how address-poisoning scams work.</source>
        <translation>这个地址看起来像你认识的某个地址，但其实不同。请逐字核对：地址投毒诈骗就是这样进行的。</translation>
    </message>
    <message>
        <source>This is more than the account holds, with the fee.</source>
        <translation>加上手续费后，这超过了账户余额。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>手续费</translation>
    </message>
    <message>
        <source>Slow (cheaper)</source>
        <translation>慢（更便宜）</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>快</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>检查…</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Everything this account can send: for the coin, less the network fee at the chosen speed.</source>
        <translation>此账户可发送的全部金额：对于原生币，已扣除所选速度下的网络费用。</translation>
    </message>
    <message>
        <source>Check before you sign</source>
        <translation>签名前请核对</translation>
    </message>
    <message>
        <source>Confirm and send</source>
        <translation>确认并发送</translation>
    </message>
    <message>
        <source>{name} (your account)</source>
        <translation>{name}（您的账户）</translation>
    </message>
    <message>
        <source>Available: unknown ({reason})</source>
        <translation>可用余额：未知（{reason}）</translation>
    </message>
    <message>
        <source>Available: …</source>
        <translation>可用余额：…</translation>
    </message>
    <message>
        <source>Available: unknown (the token did not answer)</source>
        <translation>可用余额：未知（代币合约没有应答）</translation>
    </message>
    <message>
        <source>Available: {amount} {symbol}</source>
        <translation>可用余额：{amount} {symbol}</translation>
    </message>
    <message>
        <source>Contact name, 0x… address, ENS name or ethereum: payment link</source>
        <translation>联系人名称、0x… 地址、ENS 名称或 ethereum: 收款链接</translation>
    </message>
    <message>
        <source>Save to address book…</source>
        <translation>保存到地址簿…</translation>
    </message>
    <message>
        <source>Save recipient to address book…</source>
        <translation>将收款人保存到地址簿…</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>An API key has only letters, digits, - and _.</source>
        <translation>API 密钥只能包含字母、数字、- 和 _。</translation>
    </message>
    <message>
        <source>API key saved.</source>
        <translation>API 密钥已保存。</translation>
    </message>
    <message>
        <source>API key removed.</source>
        <translation>API 密钥已删除。</translation>
    </message>
    <message>
        <source>Select a node first.</source>
        <translation>请先选择一个节点。</translation>
    </message>
    <message>
        <source>Node {url} removed.</source>
        <translation>已移除节点 {url}。</translation>
    </message>
    <message>
        <source>Network {name} removed.</source>
        <translation>已移除网络 {name}。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Connect to</source>
        <translation>连接到</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Your own node</source>
        <translation>自己的节点</translation>
    </message>
    <message>
        <source>https://… (tried before the others)</source>
        <translation>https://…（优先于其他节点使用）</translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <source>Add a network…</source>
        <translation>添加网络…</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>移除节点</translation>
    </message>
    <message>
        <source>Remove a network</source>
        <translation>移除网络</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Display language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>Lock the wallet after</source>
        <translation>自动锁定钱包</translation>
    </message>
    <message>
        <source>{minutes} min without activity</source>
        <translation>{minutes} 分钟无操作后</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Block explorer API</source>
        <translation>区块浏览器 API</translation>
    </message>
    <message>
        <source>API key (optional)</source>
        <translation>API 密钥（可选）</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>保存密钥</translation>
    </message>
    <message>
        <source>With an Etherscan API key (free at etherscan.io; one key for every network it serves), History also lists coins received. Kept in the settings file, never logged.</source>
        <translation>有了 Etherscan API 密钥（可在 etherscan.io 免费获取；一个密钥适用于其支持的所有网络），交易记录还会列出收到的币。密钥保存在设置文件中，从不写入日志。</translation>
    </message>
    <message>
        <source>Electrum servers (Bitcoin, Litecoin)</source>
        <translation>Electrum 服务器（比特币、莱特币）</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>正在使用</translation>
    </message>
    <message>
        <source>Forget pinned certificate</source>
        <translation>忘记已固定的证书</translation>
    </message>
    <message>
        <source>Your own servers</source>
        <translation>自己的服务器</translation>
    </message>
    <message>
        <source>ssl://host:50002, one per line</source>
        <translation>ssl://主机:50002，每行一个</translation>
    </message>
    <message>
        <source>Use these</source>
        <translation>使用这些</translation>
    </message>
    <message>
        <source>Use the defaults</source>
        <translation>使用默认服务器</translation>
    </message>
    <message>
        <source>When set, only your servers are used for this network. tcp:// is unencrypted, so it is allowed only for an IP address on this computer or your local network.</source>
        <translation>设置后，此网络只使用你的服务器。tcp:// 不加密，因此只允许用于本机或局域网内的 IP 地址。</translation>
    </message>
    <message>
        <source>Local devnet playground</source>
        <translation>本地测试网练习场</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Choose a network…</source>
        <translation>选择网络…</translation>
    </message>
    <message>
        <source>{name} (chain id {chain_id})</source>
        <translation>{name}（链 ID {chain_id}）</translation>
    </message>
    <message>
        <source>{url} (yours)</source>
        <translation>{url}（你添加的）</translation>
    </message>
    <message>
        <source>None: set your own server below.</source>
        <translation>无：请在下方设置自己的服务器。</translation>
    </message>
    <message>
        <source>{name} now uses only your servers.</source>
        <translation>{name} 现在只使用你的服务器。</translation>
    </message>
    <message>
        <source>{name} uses the default servers again.</source>
        <translation>{name} 已重新使用默认服务器。</translation>
    </message>
    <message>
        <source>Select a server first.</source>
        <translation>请先选择一个服务器。</translation>
    </message>
    <message>
        <source>No certificate is pinned for {server}.</source>
        <translation>{server} 没有已固定的证书。</translation>
    </message>
    <message>
        <source>Pinned certificate of {server} forgotten: the next one it shows is pinned. Do this only if you know why it changed.</source>
        <translation>已忘记 {server} 的固定证书：它下次出示的证书将被固定。请仅在你知道证书为何更改时这样做。</translation>
    </message>
    <message>
        <source>{name} (in use: switch to another network first)</source>
        <translation>{name}（正在使用：请先切换到其他网络）</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Running: local chains with Uniswap V2/V3 and test tokens. They stop when the app quits.</source>
        <translation>运行中：带有 Uniswap V2/V3 和测试代币的本地链。退出应用时会自动停止。</translation>
    </message>
    <message>
        <source>Not running. It starts two local chains with Uniswap V2/V3 and test tokens.</source>
        <translation>未运行。启动后会运行两条带有 Uniswap V2/V3 和测试代币的本地链。</translation>
    </message>
</context>
<context>
    <name>ShowPhrasePage</name>
    <message>
        <source>Write down your recovery phrase</source>
        <translation>抄写你的助记词</translation>
    </message>
    <message>
        <source>On paper, in this order. You will be asked for some of the words next.</source>
        <translation>按顺序抄写在纸上。下一步会请你输入其中几个词。</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词数</translation>
    </message>
    <message>
        <source>Word list</source>
        <translation>词表</translation>
    </message>
    <message>
        <source>New phrase</source>
        <translation>换一组</translation>
    </message>
    <message>
        <source>Never type it into a website, never photograph it, never share it. Support staff will never ask for it.</source>
        <translation>切勿在任何网站输入，切勿拍照，切勿分享。客服人员永远不会向你索要助记词。</translation>
    </message>
    <message>
        <source>A {language} phrase works in this wallet only: MetaMask, Ledger, Trezor and most other wallets import English phrases only. Choose English unless you are sure.</source>
        <translation>{language}助记词只能在本钱包中使用：MetaMask、Ledger、Trezor 和大多数其他钱包只能导入英语助记词。除非确有把握，请选择英语。</translation>
    </message>
</context>
<context>
    <name>SignRequestDialog</name>
    <message>
        <source>Open a signing request</source>
        <translation>打开签名请求</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>From</source>
        <translation>付款方</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收款方</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Maximum fee</source>
        <translation>最高手续费</translation>
    </message>
    <message>
        <source>Nonce</source>
        <translation>交易序号</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} 字节</translation>
    </message>
    <message>
        <source>Check every line, then sign.</source>
        <translation>请逐行核对，然后签名。</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>正在签名…</translation>
    </message>
    <message>
        <source>Signed. Scan this code with the online computer, or save the result to a file.</source>
        <translation>已签名。请用在线电脑扫描此二维码，或将结果保存为文件。</translation>
    </message>
    <message>
        <source>Save the signed result</source>
        <translation>保存签名结果</translation>
    </message>
    <message>
        <source>Sign a request from an online computer</source>
        <translation>签署来自在线电脑的请求</translation>
    </message>
    <message>
        <source>Paste or scan the request (all its parts), or open its file.</source>
        <translation>粘贴或扫描请求（包括所有部分），或打开其文件。</translation>
    </message>
    <message>
        <source>Open request…</source>
        <translation>打开请求…</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Sign with this computer&apos;s key</source>
        <translation>用这台电脑上的私钥签名</translation>
    </message>
    <message>
        <source>Save result to a file…</source>
        <translation>将结果保存为文件…</translation>
    </message>
</context>
<context>
    <name>SwapPage</name>
    <message>
        <source>{symbol} found at {address}.</source>
        <translation>在 {address} 找到了 {symbol}。</translation>
    </message>
    <message>
        <source>It is not a token this wallet knows: check it.</source>
        <translation>这不是本钱包认识的代币：请核实。</translation>
    </message>
    <message>
        <source>Getting a quote…</source>
        <translation>正在获取报价…</translation>
    </message>
    <message>
        <source>Route: wrap or unwrap 1:1 through the wrapped coin&apos;s contract</source>
        <translation>路由：通过包装币合约 1:1 包装或解包</translation>
    </message>
    <message>
        <source>Route: {percent} % through {protocol}: {path}</source>
        <translation>路由：{percent} % 经由 {protocol}：{path}</translation>
    </message>
    <message>
        <source>Price: 1 {sold} = {price} {bought}</source>
        <translation>价格：1 {sold} = {price} {bought}</translation>
    </message>
    <message>
        <source>Price impact: {percent} %</source>
        <translation>价格影响：{percent} %</translation>
    </message>
    <message>
        <source>Maximum sold: {amount} {symbol}</source>
        <translation>最多卖出：{amount} {symbol}</translation>
    </message>
    <message>
        <source>Minimum received: {amount} {symbol}</source>
        <translation>最少收到：{amount} {symbol}</translation>
    </message>
    <message>
        <source>Network fee: about {gas}</source>
        <translation>网络费用：约 {gas}</translation>
    </message>
    <message>
        <source>Preparing the swap…</source>
        <translation>正在准备兑换…</translation>
    </message>
    <message>
        <source>Sign the swap on the offline computer.</source>
        <translation>请在离线电脑上签署兑换。</translation>
    </message>
    <message>
        <source>Sign approval {number} of {count} on the offline computer.</source>
        <translation>请在离线电脑上签署第 {number} 笔授权（共 {count} 笔）。</translation>
    </message>
    <message>
        <source>Signing cancelled. Nothing more was sent.</source>
        <translation>已取消签名。没有再发送任何交易。</translation>
    </message>
    <message>
        <source>Step 1 of 3: approving the router to take the tokens…</source>
        <translation>第 1 步（共 3 步）：授权路由合约提取代币…</translation>
    </message>
    <message>
        <source>Step 2 of 3: signing and sending the swap…</source>
        <translation>第 2 步（共 3 步）：签署并发送兑换…</translation>
    </message>
    <message>
        <source>Step 3 of 3: waiting for the swap to be confirmed…</source>
        <translation>第 3 步（共 3 步）：等待兑换确认…</translation>
    </message>
    <message>
        <source>Check each transaction on your device&apos;s screen and confirm it there…</source>
        <translation>请在设备屏幕上检查每笔交易并在设备上确认…</translation>
    </message>
    <message>
        <source>Swap confirmed: you received {amount}. Transaction {hash}.</source>
        <translation>兑换已确认：您收到了 {amount}。交易 {hash}。</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>You pay</source>
        <translation>您支付</translation>
    </message>
    <message>
        <source>You receive</source>
        <translation>您收到</translation>
    </message>
    <message>
        <source>Other token</source>
        <translation>其他代币</translation>
    </message>
    <message>
        <source>Slippage tolerance</source>
        <translation>滑点容差</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Swap the two sides</source>
        <translation>交换两边</translation>
    </message>
    <message>
        <source>Paste a token&apos;s 0x… address</source>
        <translation>粘贴代币的 0x… 地址</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Expert mode: allow trades that move the price by 15 % or more</source>
        <translation>专家模式：允许使价格变动 15 % 或更多的交易</translation>
    </message>
    <message>
        <source>Approve unlimited amounts (fewer approvals)</source>
        <translation>批准无限额度（减少批准次数）</translation>
    </message>
    <message>
        <source>An unlimited approval lets the router take all of that token from this account, now and later, without asking again. If the router or the approval is ever abused, everything can be taken. Off: each swap approves exactly what it sells.</source>
        <translation>无限额度批准允许路由合约从此账户取走该代币的全部余额，现在和以后都无需再次询问。一旦路由合约或该批准被滥用，全部代币都可能被取走。关闭时：每次兑换只批准它卖出的确切数量。</translation>
    </message>
    <message>
        <source>Approvals…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <source>See which routers may spend this account&apos;s tokens, and revoke them</source>
        <translation>查看哪些路由合约可以花费此账户的代币，并撤销批准</translation>
    </message>
    <message>
        <source>Review swap…</source>
        <translation>审核兑换…</translation>
    </message>
</context>
<context>
    <name>SwapReviewDialog</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Router</source>
        <translation>路由合约</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>You receive</source>
        <translation>您收到</translation>
    </message>
    <message>
        <source>You pay at most</source>
        <translation>您最多支付</translation>
    </message>
    <message>
        <source>You pay</source>
        <translation>您支付</translation>
    </message>
    <message>
        <source>You receive at least</source>
        <translation>您至少收到</translation>
    </message>
    <message>
        <source>Quoted</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>Coin sent with it</source>
        <translation>随交易发送的币</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>接收方</translation>
    </message>
    <message>
        <source> (your account)</source>
        <translation>（您的账户）</translation>
    </message>
    <message>
        <source>Price impact</source>
        <translation>价格影响</translation>
    </message>
    <message>
        <source>Network fee (at most)</source>
        <translation>网络费用（最多）</translation>
    </message>
    <message>
        <source>Before the swap</source>
        <translation>兑换之前</translation>
    </message>
    <message>
        <source>{count} approval transaction(s), each confirmed before the swap is signed</source>
        <translation>{count} 笔批准交易，每笔都会在签署兑换之前确认</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>unlimited — the router can spend all your {symbol}, now and later</source>
        <translation>无限额度 — 路由合约可以花费您全部的 {symbol}，现在和以后</translation>
    </message>
    <message>
        <source>exact amount ({amount})</source>
        <translation>确切数量（{amount}）</translation>
    </message>
    <message>
        <source>This trade moves the price by {percent} %.</source>
        <translation>这笔交易会使价格变动 {percent} %。</translation>
    </message>
    <message>
        <source>This trade moves the price by {percent} %: you would get much less than the market price.</source>
        <translation>这笔交易会使价格变动 {percent} %：您得到的将远少于市场价格。</translation>
    </message>
    <message>
        <source>{symbols} is not a token this wallet knows: anyone can create a token with any name. Check its address.</source>
        <translation>{symbols} 不是本钱包认识的代币：任何人都可以用任何名称创建代币。请核对它的地址。</translation>
    </message>
    <message>
        <source>Its symbol imitates a well-known token: this is how fake tokens are sold.</source>
        <translation>它的符号模仿了一个知名代币：假代币就是这样被卖出的。</translation>
    </message>
    <message>
        <source>Your slippage tolerance is above 5 %: the swap may be executed at a much worse price than quoted.</source>
        <translation>您的滑点容差高于 5 %：兑换可能以远差于报价的价格成交。</translation>
    </message>
    <message>
        <source>Review the swap</source>
        <translation>审核兑换</translation>
    </message>
    <message>
        <source>Your Ledger will show “Blind signing”: its Ethereum app cannot decode a Uniswap router call (or an approval of a token Ledger publishes no description for), so check everything here. Blind signing must be on in the Ethereum app&apos;s settings, or the device refuses.</source>
        <translation>您的 Ledger 将显示“盲签”：它的以太坊应用无法解码 Uniswap 路由合约调用（或 Ledger 未发布描述的代币的授权），因此请在此处检查所有内容。必须在以太坊应用的设置中开启盲签，否则设备会拒绝。</translation>
    </message>
    <message>
        <source>Type “{word}” to accept this price impact.</source>
        <translation>输入“{word}”以接受此价格影响。</translation>
    </message>
    <message>
        <source>Confirm swap</source>
        <translation>确认兑换</translation>
    </message>
</context>
<context>
    <name>UtxoAccountsSummary</name>
    <message>
        <source>Reading the Bitcoin and Litecoin accounts…</source>
        <translation>正在读取比特币和莱特币账户…</translation>
    </message>
    <message>
        <source>No Bitcoin or Litecoin accounts yet: they appear once the wallet is unlocked, or add a watch-only one on the Bitcoin &amp; Litecoin page.</source>
        <translation>还没有比特币或莱特币账户：钱包解锁后即会出现，也可以在“比特币和莱特币”页面添加仅观察账户。</translation>
    </message>
    <message>
        <source>not synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <source>{account}: {balance}</source>
        <translation>{account}：{balance}</translation>
    </message>
    <message>
        <source>{account}: {error}</source>
        <translation>{account}：{error}</translation>
    </message>
    <message>
        <source>Bitcoin &amp; Litecoin</source>
        <translation>比特币和莱特币</translation>
    </message>
    <message>
        <source>Receive, send, history…</source>
        <translation>收款、发送、交易记录…</translation>
    </message>
</context>
<context>
    <name>UtxoAccountsTab</name>
    <message>
        <source>Not synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <source>Hot (this computer)</source>
        <translation>热钱包（本机）</translation>
    </message>
    <message>
        <source>Watch-only</source>
        <translation>仅观察</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Hardware-wallet signing for Bitcoin and Litecoin is not available yet. Use a hot account, or a watch-only account whose payments an offline signer signs (PSBT).</source>
        <translation>比特币和莱特币暂不支持硬件钱包签名。请使用热钱包账户，或使用由离线签名设备签署付款（PSBT）的仅观察账户。</translation>
    </message>
    <message>
        <source>Add a watch-only account</source>
        <translation>添加仅观察账户</translation>
    </message>
    <message>
        <source>A watch-only account shows the balance and history of an account whose keys stay elsewhere (an offline computer, Sparrow, Electrum). It needs only the account&apos;s public key: it can see the coins but not spend them. Its payments are prepared here and signed there as a PSBT (a partially signed transaction file).</source>
        <translation>仅观察账户显示密钥保存在别处（离线电脑、Sparrow、Electrum）的账户的余额和交易记录。它只需要账户的公钥：能看到币，但不能花费。它的付款在这里准备，在那边以 PSBT（部分签名交易文件）的形式签名。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Account key (zpub or vpub)</source>
        <translation>账户公钥（zpub 或 vpub）</translation>
    </message>
    <message>
        <source>zpub… or vpub…</source>
        <translation>zpub… 或 vpub…</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove watch-only account</source>
        <translation>移除仅观察账户</translation>
    </message>
    <message>
        <source>Sign a PSBT…</source>
        <translation>签署 PSBT…</translation>
    </message>
    <message>
        <source>This computer as the offline signer: review and sign a payment an online computer prepared for this account (a PSBT).</source>
        <translation>将本电脑用作离线签名器：核对并签署在线电脑为此账户准备的付款（PSBT）。</translation>
    </message>
</context>
<context>
    <name>UtxoHistoryTab</name>
    <message>
        <source>Confirmed (block {height})</source>
        <translation>已确认（区块 {height}）</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>手续费</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Speed up…</source>
        <translation>加速…</translation>
    </message>
</context>
<context>
    <name>UtxoPage</name>
    <message>
        <source>{account}: {error}</source>
        <translation>{account}：{error}</translation>
    </message>
    <message>
        <source>Unlock the wallet on the Accounts page to use its Bitcoin and Litecoin accounts, or add a watch-only account.</source>
        <translation>请在“账户”页面解锁钱包以使用其比特币和莱特币账户，或添加一个仅观察账户。</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Accounts on {networks} are not shown while no Electrum server is set for it (a local chain runs with the playground only).</source>
        <translation>{networks} 上的账户在未设置 Electrum 服务器期间不显示（本地链只在练习场运行时可用）。</translation>
    </message>
    <message>
        <source>Other accounts not synced: {count}.</source>
        <translation>其他未同步的账户：{count} 个。</translation>
    </message>
    <message>
        <source>not synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <source>Watch-only account {name} added. Check that its first address, {address}, is the one the wallet holding its keys shows for this coin.</source>
        <translation>已添加仅观察账户 {name}。请核对它的第一个地址 {address} 与持有其密钥的钱包为这种币显示的地址一致。</translation>
    </message>
    <message>
        <source>Remove watch-only account</source>
        <translation>移除仅观察账户</translation>
    </message>
    <message>
        <source>Remove {name}? Its coins stay where they are; add its key again to watch them.</source>
        <translation>要移除 {name} 吗？其中的币不会受影响；再次添加其公钥即可重新观察。</translation>
    </message>
    <message>
        <source>Bitcoin &amp; Litecoin</source>
        <translation>比特币和莱特币</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>UtxoReceiveTab</name>
    <message>
        <source>Amount in {symbol} (optional)</source>
        <translation>金额，单位 {symbol}（可选）</translation>
    </message>
    <message>
        <source>Amount (optional)</source>
        <translation>金额（可选）</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Copy payment link</source>
        <translation>复制收款链接</translation>
    </message>
</context>
<context>
    <name>UtxoSendTab</name>
    <message>
        <source>Slow</source>
        <translation>慢</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>快</translation>
    </message>
    <message>
        <source>{tier} · {rate} sat/vB</source>
        <translation>{tier} · {rate} sat/vB</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>The fee rates are not known yet; try again in a moment.</source>
        <translation>尚未获取到手续费率，请稍后再试。</translation>
    </message>
    <message>
        <source>Choosing coins and working out the fee…</source>
        <translation>正在选择币并计算手续费…</translation>
    </message>
    <message>
        <source>Speeds up transaction {txid} by replacing it with a higher fee.</source>
        <translation>以更高的手续费替换交易 {txid}，从而加速它。</translation>
    </message>
    <message>
        <source>Speeds up transaction {txid} with a new transaction that pays for both (child pays for parent).</source>
        <translation>用一笔为两者共同支付手续费的新交易加速交易 {txid}（子交易为父交易付费）。</translation>
    </message>
    <message>
        <source>Pay {amount} to {address}</source>
        <translation>向 {address} 支付 {amount}</translation>
    </message>
    <message>
        <source>Network fee: {fee} ({rate} sat/vB)</source>
        <translation>网络手续费：{fee}（{rate} sat/vB）</translation>
    </message>
    <message>
        <source>Total leaving the account: {total}</source>
        <translation>从账户支出合计：{total}</translation>
    </message>
    <message>
        <source>Warning: the fee is more than a tenth of the amount sent. Check the fee rate.</source>
        <translation>警告：手续费超过发送金额的十分之一。请检查手续费率。</translation>
    </message>
    <message>
        <source>This is a watch-only account: the payment is signed elsewhere, as a PSBT.</source>
        <translation>这是一个仅观察账户：付款将以 PSBT 形式在其他设备上签名。</translation>
    </message>
    <message>
        <source>Sign and send</source>
        <translation>签名并发送</translation>
    </message>
    <message>
        <source>Sign elsewhere (PSBT)…</source>
        <translation>在其他设备上签名（PSBT）…</translation>
    </message>
    <message>
        <source>Signing and broadcasting the payment…</source>
        <translation>正在签名并广播付款…</translation>
    </message>
    <message>
        <source>Checking the signed PSBT and broadcasting the payment…</source>
        <translation>正在核对已签名的 PSBT 并广播付款…</translation>
    </message>
    <message>
        <source>Sent. Transaction {txid} is pending.</source>
        <translation>已发送。交易 {txid} 待确认。</translation>
    </message>
    <message>
        <source>Amount ({symbol})</source>
        <translation>金额（{symbol}）</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收款方</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Fee rate</source>
        <translation>手续费率</translation>
    </message>
    <message>
        <source>The network fee is the fee rate times the payment&apos;s size. sat/vB: satoshis (a hundred-millionth of a coin) per virtual byte. A higher rate is confirmed sooner; Slow can take hours when the network is busy.</source>
        <translation>网络手续费等于手续费率乘以这笔付款的大小。sat/vB：每虚拟字节多少聪（一聪是一枚币的一亿分之一）。费率越高，确认越快；网络繁忙时，“慢”可能需要数小时。</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Review before signing</source>
        <translation>签名前请核对</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>WalletError</name>
    <message>
        <source>Cannot reach the node at {endpoint}: {reason}</source>
        <translation>无法连接节点 {endpoint}：{reason}</translation>
    </message>
    <message>
        <source>The node at {endpoint} did not answer within {seconds} s</source>
        <translation>节点 {endpoint} 在 {seconds} 秒内没有响应</translation>
    </message>
    <message>
        <source>The node at {endpoint} is silent: no reply within {seconds} s</source>
        <translation>节点 {endpoint} 没有回应：{seconds} 秒内未收到任何回复</translation>
    </message>
    <message>
        <source>The node at {endpoint} sent an invalid reply: {reason}</source>
        <translation>节点 {endpoint} 返回了无效的响应：{reason}</translation>
    </message>
    <message>
        <source>The node at {endpoint} sent an invalid {field}: not a hex quantity</source>
        <translation>节点 {endpoint} 返回的 {field} 无效：不是十六进制数值</translation>
    </message>
    <message>
        <source>The node at {endpoint} sent a reply larger than {limit}</source>
        <translation>节点 {endpoint} 返回的响应超过 {limit}</translation>
    </message>
    <message>
        <source>The node at {endpoint} refused {method}: {message}</source>
        <translation>节点 {endpoint} 拒绝了 {method}：{message}</translation>
    </message>
    <message>
        <source>The node at {endpoint} serves chain id {actual}, not {expected} ({chain}); it was not used</source>
        <translation>节点 {endpoint} 服务的是链 ID {actual}，而不是 {expected}（{chain}）；已拒绝使用</translation>
    </message>
    <message>
        <source>The node at {endpoint} refused to tell its chain id ({message}); it was not used</source>
        <translation>节点 {endpoint} 拒绝告知其链 ID（{message}），未使用该节点</translation>
    </message>
    <message>
        <source>No node for {chain} could be used. Last error: {last}</source>
        <translation>{chain} 没有可用的节点。最后一个错误：{last}</translation>
    </message>
    <message>
        <source>an object or null was expected</source>
        <translation>应为对象或 null</translation>
    </message>
    <message>
        <source>the batch reply does not answer our requests, each once</source>
        <translation>批量回复没有对我们的每个请求恰好回答一次</translation>
    </message>
    <message>
        <source>the body is nested too deeply</source>
        <translation>响应内容嵌套过深</translation>
    </message>
    <message>
        <source>the body is not JSON</source>
        <translation>响应内容不是 JSON</translation>
    </message>
    <message>
        <source>the reply does not answer our request</source>
        <translation>响应与请求不对应</translation>
    </message>
    <message>
        <source>no message</source>
        <translation>无说明</translation>
    </message>
    <message>
        <source>the reply has neither result nor error</source>
        <translation>响应中既没有结果也没有错误</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>unknown host</source>
        <translation>未知主机</translation>
    </message>
    <message>
        <source>no http(s) RPC URL is configured</source>
        <translation>未配置 http(s) RPC 地址</translation>
    </message>
    <message>
        <source>The local chain {chain_id} did not start: {reason}</source>
        <translation>本地链 {chain_id} 未能启动：{reason}</translation>
    </message>
    <message>
        <source>Setting up the local devnet failed: {detail}</source>
        <translation>本地测试网部署失败：{detail}</translation>
    </message>
    <message>
        <source>The local chain tools are missing ({missing}). Run `npm ci` in {root}.</source>
        <translation>缺少本地链工具（{missing}）。请在 {root} 中运行 `npm ci`。</translation>
    </message>
    <message>
        <source>anvil has no prebuilt binary for {platform}; install Foundry&apos;s anvil and set WALLET_ANVIL to it.</source>
        <translation>anvil 没有适用于 {platform} 的预编译程序；请安装 Foundry 的 anvil，并将 WALLET_ANVIL 设为其路径。</translation>
    </message>
    <message>
        <source>{detail}</source>
        <translation>{detail}</translation>
    </message>
    <message>
        <source>The file {name} could not be accessed: {reason}</source>
        <translation>无法访问文件 {name}：{reason}</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>文件过大</translation>
    </message>
    <message>
        <source>the file or its folder does not exist</source>
        <translation>文件或其所在文件夹不存在</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
    <message>
        <source>input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>The file {name} could not be read: {reason}</source>
        <translation>无法读取文件 {name}：{reason}</translation>
    </message>
    <message>
        <source>The file {name} could not be saved: {reason}</source>
        <translation>无法保存文件 {name}：{reason}</translation>
    </message>
    <message>
        <source>The wallet is locked. Unlock it to sign.</source>
        <translation>钱包已锁定。请先解锁再签名。</translation>
    </message>
    <message>
        <source>This signer holds no key at {path}.</source>
        <translation>此签名器在 {path} 没有密钥。</translation>
    </message>
    <message>
        <source>A recovery phrase has 12, 15, 18, 21 or 24 words; this one has {count}.</source>
        <translation>助记词有 12、15、18、21 或 24 个词；这里有 {count} 个。</translation>
    </message>
    <message>
        <source>Word {position} is not in the recovery word list.</source>
        <translation>第 {position} 个词不在助记词词表中。</translation>
    </message>
    <message>
        <source>The words are all valid but their checksum is wrong: a word is probably mistyped or out of order.</source>
        <translation>每个词都有效，但校验和不对：可能有词输错或顺序不对。</translation>
    </message>
    <message>
        <source>This password is too easy to guess. Use a longer one, or several unrelated words.</source>
        <translation>这个密码太容易被猜到。请使用更长的密码，或几个不相关的词。</translation>
    </message>
    <message>
        <source>This computer has no usable system keyring, so the password cannot be remembered.</source>
        <translation>这台电脑没有可用的系统钥匙串，无法记住密码。</translation>
    </message>
    <message>
        <source>Wrong password (or the wallet file was altered).</source>
        <translation>密码错误（或钱包文件被改动过）。</translation>
    </message>
    <message>
        <source>The wallet file {name} is damaged: {reason}</source>
        <translation>钱包文件 {name} 已损坏：{reason}</translation>
    </message>
    <message>
        <source>unreadable contents</source>
        <translation>内容无法读取</translation>
    </message>
    <message>
        <source>not a wallet file</source>
        <translation>不是钱包文件</translation>
    </message>
    <message>
        <source>a malformed salt, nonce or ciphertext</source>
        <translation>盐值、随机数或密文格式错误</translation>
    </message>
    <message>
        <source>unknown format or version</source>
        <translation>未知的格式或版本</translation>
    </message>
    <message>
        <source>key-derivation parameters out of range</source>
        <translation>密钥派生参数超出范围</translation>
    </message>
    <message>
        <source>A hot wallet already exists on this computer.</source>
        <translation>这台电脑上已经有一个热钱包。</translation>
    </message>
    <message>
        <source>There is no hot wallet on this computer yet.</source>
        <translation>这台电脑上还没有热钱包。</translation>
    </message>
    <message>
        <source>Account {name} has no keys on this computer.</source>
        <translation>账户 {name} 的密钥不在这台电脑上。</translation>
    </message>
    <message>
        <source>This is not a valid private key: {reason}</source>
        <translation>这不是有效的私钥：{reason}</translation>
    </message>
    <message>
        <source>This wallet has no recovery phrase.</source>
        <translation>此钱包没有助记词。</translation>
    </message>
    <message>
        <source>The keystore file could not be opened: {reason}</source>
        <translation>无法打开密钥库文件：{reason}</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>不是 JSON</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <source>an unsupported key-derivation function</source>
        <translation>不支持的密钥派生函数</translation>
    </message>
    <message>
        <source>an unsupported cipher</source>
        <translation>不支持的加密算法</translation>
    </message>
    <message>
        <source>a malformed salt, IV, ciphertext or MAC</source>
        <translation>盐值、初始向量、密文或 MAC 格式错误</translation>
    </message>
    <message>
        <source>the key does not match the address in the file</source>
        <translation>私钥与文件中的地址不符</translation>
    </message>
    <message>
        <source>not a keystore v3 file</source>
        <translation>不是 keystore v3 文件</translation>
    </message>
    <message>
        <source>it must be 64 hex digits</source>
        <translation>必须是 64 位十六进制数字</translation>
    </message>
    <message>
        <source>it is outside the curve&apos;s range</source>
        <translation>超出椭圆曲线的取值范围</translation>
    </message>
    <message>
        <source>This transaction would fail: {reason}. Nothing was sent.</source>
        <translation>这笔交易会失败：{reason}。没有发送任何内容。</translation>
    </message>
    <message>
        <source>The account does not hold enough {symbol} for this amount and its fee.</source>
        <translation>账户中的 {symbol} 不足以支付该金额及手续费。</translation>
    </message>
    <message>
        <source>Transaction {tx_hash} was included but failed (reverted).</source>
        <translation>交易 {tx_hash} 已上链但执行失败（已回滚）。</translation>
    </message>
    <message>
        <source>Transaction {tx_hash} is not confirmed after {seconds} s.</source>
        <translation>交易 {tx_hash} 在 {seconds} 秒后仍未确认。</translation>
    </message>
    <message>
        <source>Only a pending transaction can be sped up or cancelled.</source>
        <translation>只有待确认的交易才能加速或取消。</translation>
    </message>
    <message>
        <source>it reported a different transaction hash</source>
        <translation>它返回了不同的交易哈希</translation>
    </message>
    <message>
        <source>The wallet already has this account ({address}).</source>
        <translation>钱包中已有此账户（{address}）。</translation>
    </message>
    <message>
        <source>An account needs a name.</source>
        <translation>账户需要一个名称。</translation>
    </message>
    <message>
        <source>Another account is already named {name}.</source>
        <translation>已有另一个账户名为 {name}。</translation>
    </message>
    <message>
        <source>An account name can have at most {limit} characters.</source>
        <translation>账户名称最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>Not a usable RPC URL: it must start with http:// or https://.</source>
        <translation>无法使用的 RPC 地址：必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>The network cannot be added: {reason}</source>
        <translation>无法添加网络：{reason}</translation>
    </message>
    <message>
        <source>This node comes with the wallet and cannot be removed. Add your own node: it is tried first.</source>
        <translation>此节点随钱包提供，无法移除。可以添加你自己的节点：它会被优先使用。</translation>
    </message>
    <message>
        <source>This node is not among the network&apos;s nodes.</source>
        <translation>此节点不在该网络的节点列表中。</translation>
    </message>
    <message>
        <source>This network comes with the wallet and cannot be removed.</source>
        <translation>此网络随钱包提供，无法移除。</translation>
    </message>
    <message>
        <source>{name} is the network in use: switch to another network first.</source>
        <translation>{name} 是正在使用的网络：请先切换到其他网络。</translation>
    </message>
    <message>
        <source>the file of added networks is damaged</source>
        <translation>已添加网络的文件已损坏</translation>
    </message>
    <message>
        <source>no genesis block hash</source>
        <translation>没有创世区块哈希</translation>
    </message>
    <message>
        <source>Not a valid amount: {reason}</source>
        <translation>无效的金额：{reason}</translation>
    </message>
    <message>
        <source>use digits and one decimal point</source>
        <translation>请使用数字和一个小数点</translation>
    </message>
    <message>
        <source>too many decimal places for this token</source>
        <translation>小数位数超过了该代币的精度</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>数值过大</translation>
    </message>
    <message>
        <source>malformed fee history</source>
        <translation>手续费历史格式错误</translation>
    </message>
    <message>
        <source>malformed call data</source>
        <translation>调用数据格式错误</translation>
    </message>
    <message>
        <source>malformed multicall result</source>
        <translation>Multicall 结果格式错误</translation>
    </message>
    <message>
        <source>multicall result of the wrong length</source>
        <translation>Multicall 结果长度不符</translation>
    </message>
    <message>
        <source>There is no contract at {address} on {chain}.</source>
        <translation>{chain} 上的 {address} 没有合约。</translation>
    </message>
    <message>
        <source>The contract at {address} does not answer like an ERC-20 token.</source>
        <translation>{address} 处的合约不像 ERC-20 代币那样响应。</translation>
    </message>
    <message>
        <source>The token list cannot be used: {reason}</source>
        <translation>无法使用该代币列表：{reason}</translation>
    </message>
    <message>
        <source>it is not a token list (no tokens array)</source>
        <translation>这不是代币列表（缺少 tokens 数组）</translation>
    </message>
    <message>
        <source>Not a usable payment request: {reason}</source>
        <translation>无法使用的收款请求：{reason}</translation>
    </message>
    <message>
        <source>it is not an ethereum: address link</source>
        <translation>它不是 ethereum: 地址链接</translation>
    </message>
    <message>
        <source>only payments and token transfers</source>
        <translation>仅支持付款和代币转账</translation>
    </message>
    <message>
        <source>an address in it is invalid</source>
        <translation>其中的地址无效</translation>
    </message>
    <message>
        <source>an amount in it is not a number</source>
        <translation>其中的金额不是数字</translation>
    </message>
    <message>
        <source>an amount in it is not a whole number</source>
        <translation>其中的金额不是整数</translation>
    </message>
    <message>
        <source>not a 0x-prefixed 20-byte hex address: {value}</source>
        <translation>不是以 0x 开头的 20 字节十六进制地址：{value}</translation>
    </message>
    <message>
        <source>bad EIP-55 checksum (a character is probably mistyped): {value}</source>
        <translation>EIP-55 校验失败（可能有字符输错）：{value}</translation>
    </message>
    <message>
        <source>{name} is not a valid ENS name: {reason}</source>
        <translation>{name} 不是有效的 ENS 名称：{reason}</translation>
    </message>
    <message>
        <source>{name} has no address on {chain}.</source>
        <translation>{name} 在 {chain} 上没有对应地址。</translation>
    </message>
    <message>
        <source>{chain} has no ENS: enter an address instead.</source>
        <translation>{chain} 不支持 ENS：请直接输入地址。</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>名称为空</translation>
    </message>
    <message>
        <source>This transaction type cannot be signed here: {reason}</source>
        <translation>这里无法签署这种交易类型：{reason}</translation>
    </message>
    <message>
        <source>No hardware wallet is connected. Plug it in and unlock it.</source>
        <translation>未连接硬件钱包。请插入设备并解锁。</translation>
    </message>
    <message>
        <source>The system does not let this app open the device. On Linux, install the udev rules from installer/linux and plug the device in again.</source>
        <translation>系统不允许本应用打开该设备。在 Linux 上，请安装 installer/linux 中的 udev 规则，然后重新插拔设备。</translation>
    </message>
    <message>
        <source>Another program is using the device. Close Trezor Suite or Trezor Bridge and try again.</source>
        <translation>另一个程序正在使用该设备。请关闭 Trezor Suite 或 Trezor Bridge 后重试。</translation>
    </message>
    <message>
        <source>The device is locked. Enter its PIN on the device and try again.</source>
        <translation>设备已锁定。请在设备上输入 PIN 后重试。</translation>
    </message>
    <message>
        <source>The device asks for its passphrase, and none can be entered here.</source>
        <translation>设备要求输入密码短语，但此处无法输入。</translation>
    </message>
    <message>
        <source>The device did not accept the PIN. It waits longer after each wrong try; check the digits&apos; positions on its screen and try again.</source>
        <translation>设备未接受该 PIN。每输错一次，设备等待的时间都会更长；请核对设备屏幕上数字的位置后重试。</translation>
    </message>
    <message>
        <source>Open the {app} app on the device and try again.</source>
        <translation>请在设备上打开 {app} 应用后重试。</translation>
    </message>
    <message>
        <source>You rejected the request on the device. Nothing was signed.</source>
        <translation>你在设备上拒绝了请求。没有签署任何内容。</translation>
    </message>
    <message>
        <source>The device refused the data: enable blind signing in the Ethereum app&apos;s settings, or check the transaction.</source>
        <translation>设备拒绝了这些数据：请在 Ethereum 应用的设置中开启盲签，或检查交易。</translation>
    </message>
    <message>
        <source>The device was disconnected. Reconnect it and try again; nothing was signed.</source>
        <translation>设备已断开。请重新连接后重试；没有签署任何内容。</translation>
    </message>
    <message>
        <source>The device did not answer within {seconds} s.</source>
        <translation>设备在 {seconds} 秒内没有响应。</translation>
    </message>
    <message>
        <source>The device sent something unexpected: {reason}</source>
        <translation>设备返回了意外的内容：{reason}</translation>
    </message>
    <message>
        <source>The device answered with error 0x{status:04x}.</source>
        <translation>设备返回错误 0x{status:04x}。</translation>
    </message>
    <message>
        <source>The passphrase is longer than the device accepts: at most {limit} bytes (a letter outside A–Z takes two to four). It was not sent.</source>
        <translation>密码短语超出了设备接受的长度：最多 {limit} 字节（A–Z 以外的字母每个占二到四个字节）。它没有被发送。</translation>
    </message>
    <message>
        <source>The device ended this app&apos;s session, perhaps because another program used it. Try again (a passphrase, if the device uses one, is asked again).</source>
        <translation>设备结束了本应用的会话，可能是另一个程序使用了它。请重试（如果设备使用密码短语，会再次询问）。</translation>
    </message>
    <message>
        <source>The device holds no wallet yet. Set it up with its maker&apos;s app first.</source>
        <translation>设备中还没有钱包。请先用其厂商的应用完成设置。</translation>
    </message>
    <message>
        <source>The device is waiting for something else (a confirmation on its screen, or another program). Finish or cancel it there, or reconnect the device, and try again.</source>
        <translation>设备正在等待其他操作（屏幕上的确认，或另一个程序）。请在设备上完成或取消它，或重新连接设备，然后重试。</translation>
    </message>
    <message>
        <source>The device refused the request as invalid ({detail}). Nothing was signed.</source>
        <translation>设备认为请求无效而拒绝了它（{detail}）。没有签署任何内容。</translation>
    </message>
    <message>
        <source>The device could not complete the request ({detail}). Nothing was signed.</source>
        <translation>设备无法完成请求（{detail}）。没有签署任何内容。</translation>
    </message>
    <message>
        <source>The device reported an internal error. Restart it and try again; if it happens again, update its firmware.</source>
        <translation>设备报告了内部错误。请重启设备后重试；如果再次出现，请更新其固件。</translation>
    </message>
    <message>
        <source>The device refused the request (error {code}). Nothing was signed.</source>
        <translation>设备拒绝了请求（错误 {code}）。没有签署任何内容。</translation>
    </message>
    <message>
        <source>The Ledger refused the signed description of {token} ({contract}): its Ethereum app could not verify it for this network. Nothing was signed; update the device&apos;s Ethereum app, or this wallet.</source>
        <translation>Ledger 拒绝了 {token}（{contract}）的签名描述：其以太坊应用无法在此网络上验证它。未签署任何内容；请更新设备上的以太坊应用，或更新本钱包。</translation>
    </message>
    <message>
        <source>a reply longer than any APDU</source>
        <translation>回复长度超过任何 APDU</translation>
    </message>
    <message>
        <source>a reply without a status word</source>
        <translation>回复中没有状态字</translation>
    </message>
    <message>
        <source>a short configuration reply</source>
        <translation>配置回复过短</translation>
    </message>
    <message>
        <source>a malformed address reply</source>
        <translation>地址回复格式错误</translation>
    </message>
    <message>
        <source>a malformed public key</source>
        <translation>公钥格式错误</translation>
    </message>
    <message>
        <source>a signature of the wrong length</source>
        <translation>签名长度错误</translation>
    </message>
    <message>
        <source>an invalid signature</source>
        <translation>无效的签名</translation>
    </message>
    <message>
        <source>a signature by another key</source>
        <translation>签名来自另一个密钥</translation>
    </message>
    <message>
        <source>Not a usable extended public key: {reason}</source>
        <translation>无法使用的扩展公钥：{reason}</translation>
    </message>
    <message>
        <source>“{path}” is not a derivation path like m/44&apos;/60&apos;/0&apos;/0/0.</source>
        <translation>“{path}”不是有效的派生路径（例如 m/44&apos;/60&apos;/0&apos;/0/0）。</translation>
    </message>
    <message>
        <source>it does not decode as an xpub</source>
        <translation>无法解析为 xpub</translation>
    </message>
    <message>
        <source>it is a private key (xprv), not an xpub</source>
        <translation>这是私钥（xprv），不是 xpub</translation>
    </message>
    <message>
        <source>{name} is watch-only: it can prepare transactions, not sign them.</source>
        <translation>{name} 是仅观察账户：可以准备交易，但不能签名。</translation>
    </message>
    <message>
        <source>{name} signs on an offline computer: export the request and import the signed result.</source>
        <translation>{name} 在离线电脑上签名：请导出签名请求，再导入签好的结果。</translation>
    </message>
    <message>
        <source>The connected device does not hold {name}: at {path} it has {actual}, not {expected}. Is it another device, or another passphrase?</source>
        <translation>已连接的设备中没有 {name}：它在 {path} 上的地址是 {actual}，而不是 {expected}。是另一台设备，还是另一个扩展密码？</translation>
    </message>
    <message>
        <source>The signing request cannot be used: {reason}</source>
        <translation>无法使用该签名请求：{reason}</translation>
    </message>
    <message>
        <source>The signed transaction was refused: {reason}. Nothing was sent.</source>
        <translation>已拒绝签好的交易：{reason}。没有发送任何内容。</translation>
    </message>
    <message>
        <source>the transaction names another chain</source>
        <translation>交易指定的是另一条链</translation>
    </message>
    <message>
        <source>it is not a DeskWallet signing request</source>
        <translation>这不是 DeskWallet 签名请求</translation>
    </message>
    <message>
        <source>this computer does not hold that account</source>
        <translation>这台电脑上没有该账户</translation>
    </message>
    <message>
        <source>it is not a signed result</source>
        <translation>这不是签名结果</translation>
    </message>
    <message>
        <source>it answers another request</source>
        <translation>它对应的是另一个请求</translation>
    </message>
    <message>
        <source>it differs from the request (payload, chain id or nonce)</source>
        <translation>它与请求不一致（内容、链 ID 或 nonce）</translation>
    </message>
    <message>
        <source>its signature is invalid</source>
        <translation>签名无效</translation>
    </message>
    <message>
        <source>it was signed by another key</source>
        <translation>它是用另一个密钥签的</translation>
    </message>
    <message>
        <source>a QR part is malformed</source>
        <translation>某个二维码分片格式错误</translation>
    </message>
    <message>
        <source>QR parts of different codes</source>
        <translation>二维码分片来自不同的码</translation>
    </message>
    <message>
        <source>some QR parts are still missing</source>
        <translation>还缺少部分二维码分片</translation>
    </message>
    <message>
        <source>an unknown message type</source>
        <translation>未知的消息类型</translation>
    </message>
    <message>
        <source>a malformed message</source>
        <translation>消息格式错误</translation>
    </message>
    <message>
        <source>an unexpected message</source>
        <translation>意外的消息</translation>
    </message>
    <message>
        <source>a Trezor signs EIP-155 and EIP-1559 transactions</source>
        <translation>Trezor 只签 EIP-155 和 EIP-1559 交易</translation>
    </message>
    <message>
        <source>a request for data we do not have</source>
        <translation>请求了不存在的数据</translation>
    </message>
    <message>
        <source>a reply without a signature</source>
        <translation>回复中没有签名</translation>
    </message>
    <message>
        <source>a refusal of this protocol version</source>
        <translation>拒绝了此协议版本</translation>
    </message>
    <message>
        <source>The token {token} refuses to approve {spender} for this amount, even from zero.</source>
        <translation>代币 {token} 拒绝为 {spender} 授权此数量，即使从零开始也不行。</translation>
    </message>
    <message>
        <source>{chain} has no Multicall3 contract to read allowances with.</source>
        <translation>{chain} 上没有可用于读取授权额度的 Multicall3 合约。</translation>
    </message>
    <message>
        <source>Swaps are not available on {chain}: it has no Uniswap deployment or no Multicall3</source>
        <translation>{chain} 上无法兑换：它没有 Uniswap 部署或没有 Multicall3</translation>
    </message>
    <message>
        <source>A token cannot be swapped for itself</source>
        <translation>代币不能兑换成它自己</translation>
    </message>
    <message>
        <source>The amount to swap must be more than zero and less than 2^128</source>
        <translation>兑换数量必须大于零且小于 2^128</translation>
    </message>
    <message>
        <source>There is no ERC-20 token at {address} on {chain}</source>
        <translation>{chain} 上的 {address} 处没有 ERC-20 代币</translation>
    </message>
    <message>
        <source>No Uniswap pool connects these two tokens on {chain}</source>
        <translation>{chain} 上没有连接这两种代币的 Uniswap 池</translation>
    </message>
    <message>
        <source>The Uniswap pools between these two tokens on {chain} hold too little for this amount</source>
        <translation>{chain} 上这两种代币之间的 Uniswap 池流动性不足以完成此数量的兑换</translation>
    </message>
    <message>
        <source>Quoting the swap on {chain} failed: {reason}</source>
        <translation>在 {chain} 上获取兑换报价失败：{reason}</translation>
    </message>
    <message>
        <source>the quoter ran out of gas, even alone in a call</source>
        <translation>报价合约的 gas 不足（即使单独调用也是如此）</translation>
    </message>
    <message>
        <source>fee-on-transfer detection takes one exact-input V2 route</source>
        <translation>转账收费检测需要一条精确输入的 V2 路径</translation>
    </message>
    <message>
        <source>the quoter&apos;s answer is malformed</source>
        <translation>报价合约的返回格式错误</translation>
    </message>
    <message>
        <source>This swap cannot be built: {reason}.</source>
        <translation>无法构建此兑换：{reason}。</translation>
    </message>
    <message>
        <source>a V3 path needs one fee tier between every two tokens</source>
        <translation>V3 路径的每两个代币之间都需要一个费率档位</translation>
    </message>
    <message>
        <source>the V3 path is malformed</source>
        <translation>V3 路径格式错误</translation>
    </message>
    <message>
        <source>no route</source>
        <translation>没有可用路径</translation>
    </message>
    <message>
        <source>this router takes one route per transaction</source>
        <translation>此路由合约每笔交易只接受一条路径</translation>
    </message>
    <message>
        <source>every amount and limit must be above zero</source>
        <translation>每个数量和限额都必须大于零</translation>
    </message>
    <message>
        <source>the routes of a split must join the same two tokens</source>
        <translation>拆分交易的各条路径必须连接相同的两个代币</translation>
    </message>
    <message>
        <source>paying with the coin needs a route from the wrapped coin</source>
        <translation>用原生币支付需要一条从包装币出发的路径</translation>
    </message>
    <message>
        <source>receiving the coin needs a route to the wrapped coin</source>
        <translation>收取原生币需要一条通往包装币的路径</translation>
    </message>
    <message>
        <source>fee-on-transfer tokens can only be swapped for an exact input</source>
        <translation>转账收费代币只能按精确输入数量兑换</translation>
    </message>
    <message>
        <source>UniswapV2Router02 takes a V2 path of two or more tokens</source>
        <translation>UniswapV2Router02 需要包含两个或以上代币的 V2 路径</translation>
    </message>
    <message>
        <source>SwapRouter takes a V3 path</source>
        <translation>SwapRouter 需要 V3 路径</translation>
    </message>
    <message>
        <source>this chain has no wrapped coin</source>
        <translation>此链没有包装币</translation>
    </message>
    <message>
        <source>this chain has no router for this route</source>
        <translation>此链没有可执行此路径的路由合约</translation>
    </message>
    <message>
        <source>A slippage tolerance of {percent} % is not allowed: it must be above 0 and at most 50 %.</source>
        <translation>不允许 {percent} % 的滑点容差：必须大于 0 且不超过 50 %。</translation>
    </message>
    <message>
        <source>A deadline of {minutes} minutes is not allowed: it must be between 1 minute and 3 days.</source>
        <translation>不允许 {minutes} 分钟的截止时间：必须在 1 分钟到 3 天之间。</translation>
    </message>
    <message>
        <source>This swap moves the price by {percent} %, more than the 15 % allowed. Trade a smaller amount, or turn on expert mode to accept it.</source>
        <translation>此兑换会使价格变动 {percent} %，超过允许的 15 %。请减少数量，或开启专家模式以接受。</translation>
    </message>
    <message>
        <source>This swap moves the price by {percent} %. Type “{word}” to confirm that you accept it.</source>
        <translation>此兑换会使价格变动 {percent} %。请输入“{word}”以确认您接受。</translation>
    </message>
    <message>
        <source>malformed block</source>
        <translation>区块格式错误</translation>
    </message>
    <message>
        <source>The account does not hold enough {symbol} to pay for this swap and its network fee.</source>
        <translation>账户持有的 {symbol} 不足以支付此兑换及其网络费用。</translation>
    </message>
    <message>
        <source>The swap&apos;s deadline had passed when it reached the chain ({reason}). Nothing was swapped.</source>
        <translation>兑换到达链上时已超过截止时间（{reason}）。未进行任何兑换。</translation>
    </message>
    <message>
        <source>The price moved beyond your slippage tolerance: the swap would have received less than your minimum ({reason}). Nothing was swapped.</source>
        <translation>价格变动超出了您的滑点容差：兑换收到的数量将低于您设定的最低值（{reason}）。未进行任何兑换。</translation>
    </message>
    <message>
        <source>The price moved beyond your slippage tolerance: the swap would have cost more than your maximum ({reason}). Nothing was swapped.</source>
        <translation>价格变动超出了您的滑点容差：兑换花费将超过您设定的最高值（{reason}）。未进行任何兑换。</translation>
    </message>
    <message>
        <source>The router could not take the tokens to sell: the allowance or the balance is too low ({reason}). Nothing was swapped.</source>
        <translation>路由合约无法转走要卖出的代币：授权额度或余额不足（{reason}）。未进行任何兑换。</translation>
    </message>
    <message>
        <source>The pool holds too little liquidity for this swap ({reason}). Nothing was swapped.</source>
        <translation>资金池的流动性不足以完成此兑换（{reason}）。未进行任何兑换。</translation>
    </message>
    <message>
        <source>This token takes a fee on every transfer, so the pool received less than the swap assumed ({reason}). Nothing was swapped.</source>
        <translation>此代币每次转账都会收取费用，因此资金池收到的数量少于兑换预期（{reason}）。未进行任何兑换。</translation>
    </message>
    <message>
        <source>The router refused the swap: {reason}. Nothing was swapped.</source>
        <translation>路由合约拒绝了此兑换：{reason}。未进行任何兑换。</translation>
    </message>
    <message>
        <source>the swap reverted on chain</source>
        <translation>兑换在链上被回滚</translation>
    </message>
    <message>
        <source>Refusing to sign: {address} is not a router this wallet knows on this chain.</source>
        <translation>拒绝签名：{address} 不是本钱包在此链上认可的路由合约。</translation>
    </message>
    <message>
        <source>Refusing to sign: the call to {router} is not a swap this wallet can read ({detail}).</source>
        <translation>拒绝签名：对 {router} 的调用不是本钱包能够解读的兑换（{detail}）。</translation>
    </message>
    <message>
        <source>Refusing to sign: this swap pays {recipient}, not your account {owner}.</source>
        <translation>拒绝签名：此兑换将资金付给 {recipient}，而不是您的账户 {owner}。</translation>
    </message>
    <message>
        <source>Refusing to sign: this swap accepts receiving nothing (its minimum out is 0).</source>
        <translation>拒绝签名：此兑换允许收到的数量为零（最低收到数量为 0）。</translation>
    </message>
    <message>
        <source>Refusing to sign: this swap sends coin that it neither spends nor refunds; it would be left in the router.</source>
        <translation>拒绝签名：此兑换发送的原生币既不会被花费也不会被退还，将滞留在路由合约中。</translation>
    </message>
    <message>
        <source>Refusing to sign: this swap has no deadline, so it could be mined at any later price.</source>
        <translation>拒绝签名：此兑换没有截止时间，可能在之后以任意价格被打包。</translation>
    </message>
    <message>
        <source>deposit takes no arguments</source>
        <translation>deposit 不接受参数</translation>
    </message>
    <message>
        <source>a multicall inside a multicall</source>
        <translation>multicall 中嵌套了 multicall</translation>
    </message>
    <message>
        <source>no swap in the call</source>
        <translation>调用中没有兑换</translation>
    </message>
    <message>
        <source>routes between different tokens</source>
        <translation>连接不同代币的路径</translation>
    </message>
    <message>
        <source>The atomic swap contract is not deployed on {chain}.</source>
        <translation>{chain} 上尚未部署原子交换合约。</translation>
    </message>
    <message>
        <source>The code at {address} on {chain} is not the atomic swap contract; nothing is sent to it.</source>
        <translation>{chain} 上 {address} 处的代码不是原子交换合约；不会向其发送任何交易。</translation>
    </message>
    <message>
        <source>{chain} has no CREATE2 deployer at {address}: the swap contract cannot be deployed there.</source>
        <translation>{chain} 在 {address} 没有 CREATE2 部署合约：无法在该链上部署交换合约。</translation>
    </message>
    <message>
        <source>Deploying the atomic swap contract on {chain} failed: {reason}.</source>
        <translation>在 {chain} 上部署原子交换合约失败：{reason}。</translation>
    </message>
    <message>
        <source>the deployment transaction reverted</source>
        <translation>部署交易已回滚</translation>
    </message>
    <message>
        <source>the deployment transaction was not confirmed in time</source>
        <translation>部署交易未能及时确认</translation>
    </message>
    <message>
        <source>the deployer would put it at another address</source>
        <translation>部署合约会把它部署到另一个地址</translation>
    </message>
    <message>
        <source>Unreadable swap contract data: {reason}.</source>
        <translation>无法读取交换合约数据：{reason}。</translation>
    </message>
    <message>
        <source>not a call to the swap contract</source>
        <translation>不是对交换合约的调用</translation>
    </message>
    <message>
        <source>the secret is not 32 bytes</source>
        <translation>密钥长度不是 32 字节</translation>
    </message>
    <message>
        <source>the log is not from the swap contract</source>
        <translation>该日志不是来自交换合约</translation>
    </message>
    <message>
        <source>malformed log</source>
        <translation>日志格式错误</translation>
    </message>
    <message>
        <source>the revealed secret does not match the hashlock</source>
        <translation>公开的密钥与哈希锁不匹配</translation>
    </message>
    <message>
        <source>the lock&apos;s id does not match its terms</source>
        <translation>锁定的 ID 与其条款不符</translation>
    </message>
    <message>
        <source>malformed swap record</source>
        <translation>交换记录格式错误</translation>
    </message>
    <message>
        <source>This swap message cannot be read: {reason}.</source>
        <translation>无法读取此交换消息：{reason}。</translation>
    </message>
    <message>
        <source>This swap message is not signed by {address}: it was altered or forged. Nothing was locked.</source>
        <translation>此交换消息不是由 {address} 签名的：它已被篡改或伪造。未锁定任何资产。</translation>
    </message>
    <message>
        <source>This swap offer expired at {expiry} (chain time). Nothing was locked.</source>
        <translation>此交换报价已于 {expiry}（链上时间）过期。未锁定任何资产。</translation>
    </message>
    <message>
        <source>This swap offer is for a network this wallet does not know (chain id {chain_id}).</source>
        <translation>此交换报价所属的网络本钱包未知（链 ID {chain_id}）。</translation>
    </message>
    <message>
        <source>This acceptance answers another offer than {offer_id}.</source>
        <translation>此接受消息对应的不是报价 {offer_id}。</translation>
    </message>
    <message>
        <source>it is not a swap offer or acceptance of this wallet</source>
        <translation>它不是本钱包的交换报价或接受消息</translation>
    </message>
    <message>
        <source>it is damaged (not valid base64url)</source>
        <translation>它已损坏（不是有效的 base64url）</translation>
    </message>
    <message>
        <source>it is truncated or has extra bytes</source>
        <translation>它被截断或含有多余字节</translation>
    </message>
    <message>
        <source>a field is out of range</source>
        <translation>某个字段超出范围</translation>
    </message>
    <message>
        <source>both legs are on the same chain</source>
        <translation>两边都在同一条链上</translation>
    </message>
    <message>
        <source>an amount is zero</source>
        <translation>某个数量为零</translation>
    </message>
    <message>
        <source>both legs are on Bitcoin-family chains, which this wallet cannot swap with each other yet</source>
        <translation>两边都在比特币类链上，本钱包暂不支持这类互换</translation>
    </message>
    <message>
        <source>a Bitcoin-family leg&apos;s amount is too small to be claimed (below 0.0001) or more than the coin&apos;s whole supply</source>
        <translation>比特币类链一边的金额过小（低于 0.0001，无法领取）或超过该币的总供应量</translation>
    </message>
    <message>
        <source>a Bitcoin-family leg names a token (it can only be the coin)</source>
        <translation>比特币类链的一边指定了代币（只能是该链的币）</translation>
    </message>
    <message>
        <source>The counterparty&apos;s lock does not match the offer.</source>
        <translation>对方的锁定与报价不符。</translation>
    </message>
    <message>
        <source>The counterparty&apos;s lock on {chain} uses another hashlock.</source>
        <translation>对方在 {chain} 上的锁定使用了另一个哈希锁。</translation>
    </message>
    <message>
        <source>The counterparty locked {found} on {chain}, not the {expected} offered (smallest units).</source>
        <translation>对方在 {chain} 上锁定了 {found}，而不是报价的 {expected}（最小单位）。</translation>
    </message>
    <message>
        <source>The counterparty locked token {found} on {chain}, not {expected}.</source>
        <translation>对方在 {chain} 上锁定的代币是 {found}，而不是 {expected}。</translation>
    </message>
    <message>
        <source>The counterparty&apos;s lock on {chain} pays {found}, not {expected}.</source>
        <translation>对方在 {chain} 上的锁定支付给 {found}，而不是 {expected}。</translation>
    </message>
    <message>
        <source>The lock on {chain} was made by {found}, not by {expected}.</source>
        <translation>{chain} 上的锁定由 {found} 创建，而不是 {expected}。</translation>
    </message>
    <message>
        <source>The counterparty&apos;s lock on {chain} can be refunded in {remaining_s} s; at least {needed_s} s are needed to finish the swap safely.</source>
        <translation>对方在 {chain} 上的锁定将在 {remaining_s} 秒后可退款；安全完成交换至少需要 {needed_s} 秒。</translation>
    </message>
    <message>
        <source>The counterparty locked on chain {found}, not on chain {expected} as offered.</source>
        <translation>对方在链 {found} 上锁定，而不是报价中的链 {expected}。</translation>
    </message>
    <message>
        <source>{address} needs at least {needed} {symbol} on {chain} to pay for a later claim or refund (it holds {held}). Nothing was locked.</source>
        <translation>{address} 在 {chain} 上至少需要 {needed} {symbol} 来支付之后的领取或退款（当前持有 {held}）。未锁定任何资产。</translation>
    </message>
    <message>
        <source>There is no swap {swap_id} in this wallet.</source>
        <translation>本钱包中没有交换 {swap_id}。</translation>
    </message>
    <message>
        <source>This wallet has no account {address} to sign for the swap.</source>
        <translation>本钱包没有可为此交换签名的账户 {address}。</translation>
    </message>
    <message>
        <source>The swap&apos;s {action} on {chain} would fail: {reason}. Nothing was sent.</source>
        <translation>交换的 {action} 在 {chain} 上将会失败：{reason}。未发送任何交易。</translation>
    </message>
    <message>
        <source>This acceptance answers none of this wallet&apos;s offers.</source>
        <translation>此接受消息不对应本钱包的任何报价。</translation>
    </message>
    <message>
        <source>The swap&apos;s secret cannot be decrypted with this wallet&apos;s key (another wallet, or damaged).</source>
        <translation>无法用本钱包的密钥解密该交换的秘密（另一个钱包，或数据已损坏）。</translation>
    </message>
    <message>
        <source>The node at {endpoint} sent a header for block {block} that does not hash to the block&apos;s hash; it is no longer used</source>
        <translation>节点 {endpoint} 发送的区块 {block} 的区块头与该区块的哈希不符；已停止使用该节点</translation>
    </message>
    <message>
        <source>The node at {endpoint} sent a state proof for {address} that does not match block {block}; it is no longer used</source>
        <translation>节点 {endpoint} 发送的 {address} 的状态证明与区块 {block} 不符；已停止使用该节点</translation>
    </message>
    <message>
        <source>The node at {endpoint} reported a balance for {address} that the state proof of block {block} contradicts; it is no longer used</source>
        <translation>节点 {endpoint} 报告的 {address} 余额与区块 {block} 的状态证明相矛盾；已停止使用该节点</translation>
    </message>
    <message>
        <source>Not verified: only one node of {chain} answered, so there was nothing to check it against</source>
        <translation>未验证：{chain} 只有一个节点应答，没有可供对照的节点</translation>
    </message>
    <message>
        <source>Not verified: the nodes disagree on block {block} (a reorganisation, or a node on another fork)</source>
        <translation>未验证：各节点对区块 {block} 的说法不一致（链重组，或有节点处于其他分叉）</translation>
    </message>
    <message>
        <source>Not verified: no node&apos;s header for block {block} hashes to its block hash; this chain&apos;s header format is not supported</source>
        <translation>未验证：没有任何节点的区块 {block} 区块头能算出其区块哈希；不支持该链的区块头格式</translation>
    </message>
    <message>
        <source>Not verified: no node served state proofs for block {block}. Last error: {last}</source>
        <translation>未验证：没有节点提供区块 {block} 的状态证明。最后的错误：{last}</translation>
    </message>
    <message>
        <source>every node was distrusted</source>
        <translation>所有节点都已不再信任</translation>
    </message>
    <message>
        <source>no trusted node is left</source>
        <translation>已没有可信的节点</translation>
    </message>
    <message>
        <source>Test coins exist only on the playground&apos;s chains, not on {chain}.</source>
        <translation>测试币只存在于练习场的链上，{chain} 上没有。</translation>
    </message>
    <message>
        <source>The playground chain {chain} has no funded account to pay from.</source>
        <translation>练习场链 {chain} 没有可用于付款的有余额账户。</translation>
    </message>
    <message>
        <source>This swap sells {amount} {symbol}, but the account holds only {balance} {symbol}.</source>
        <translation>此兑换要卖出 {amount} {symbol}，但该账户只有 {balance} {symbol}。</translation>
    </message>
    <message>
        <source>The balance of {symbol} could not be read, so the swap cannot be checked against it.</source>
        <translation>无法读取 {symbol} 的余额，因此无法据此检查这笔兑换。</translation>
    </message>
    <message>
        <source>Quoting the swap failed: the node did not answer properly ({reason}).</source>
        <translation>兑换报价失败：节点没有正确应答（{reason}）。</translation>
    </message>
    <message>
        <source>This swap was prepared for {quoted}, but the wallet is now on {selected}. Nothing was sent; get a new quote.</source>
        <translation>这笔兑换是为 {quoted} 准备的，但钱包现在位于 {selected}。没有发送任何交易；请重新获取报价。</translation>
    </message>
    <message>
        <source>The approval is confirmed, but the swap now needs a different transaction than the one you reviewed ({reason}). Nothing else was sent: review the swap again.</source>
        <translation>授权已确认，但兑换现在需要一笔与您审核的不同的交易（{reason}）。没有发送其他交易：请重新审核兑换。</translation>
    </message>
    <message>
        <source>Transaction {tx_hash} is not confirmed after {seconds} s; follow it in History.</source>
        <translation>交易 {tx_hash} 在 {seconds} 秒后仍未确认；请在“历史记录”中跟踪它。</translation>
    </message>
    <message>
        <source>the token takes a fee on transfers</source>
        <translation>该代币在转账时收取手续费</translation>
    </message>
    <message>
        <source>the route changed</source>
        <translation>路由已改变</translation>
    </message>
    <message>
        <source>the receipt&apos;s logs are not a list of objects</source>
        <translation>回执中的日志不是对象列表</translation>
    </message>
    <message>
        <source>it has no latest block</source>
        <translation>它没有最新区块</translation>
    </message>
    <message>
        <source>its logs are not a list</source>
        <translation>它返回的日志不是列表</translation>
    </message>
    <message>
        <source>The lock of swap {swap_id} can no longer be reviewed: the swap is past that step.</source>
        <translation>兑换 {swap_id} 的锁定已无法审核：兑换已过了这一步。</translation>
    </message>
    <message>
        <source>The lock of swap {swap_id} was reviewed too long ago: review it again. Nothing was signed.</source>
        <translation>兑换 {swap_id} 的锁定审核时间过久：请重新审核。未签名任何内容。</translation>
    </message>
    <message>
        <source>The lock of swap {swap_id} differs from the one you reviewed: it was not signed.</source>
        <translation>兑换 {swap_id} 的锁定与您审核的不一致：未签名。</translation>
    </message>
    <message>
        <source>{name} is not an address book file: {reason}</source>
        <translation>{name} 不是地址簿文件：{reason}</translation>
    </message>
    <message>
        <source>{name} is too large for an address book (at most {limit} contacts, {megabytes} MB).</source>
        <translation>{name} 太大，不能作为地址簿（最多 {limit} 个联系人，{megabytes} MB）。</translation>
    </message>
    <message>
        <source>the entry is not an object</source>
        <translation>该条目不是对象</translation>
    </message>
    <message>
        <source>the value is not text</source>
        <translation>该值不是文本</translation>
    </message>
    <message>
        <source>Nothing was imported. {name}, line {place}, column {field}: {error}</source>
        <translation>未导入任何内容。{name}，第 {place} 行，{field} 列：{error}</translation>
    </message>
    <message>
        <source>Nothing was imported. {name}, entry {place}, field {field}: {error}</source>
        <translation>未导入任何内容。{name}，第 {place} 个条目，{field} 字段：{error}</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>the first line must name the columns name, address and note</source>
        <translation>第一行必须是列名 name、address 和 note</translation>
    </message>
    <message>
        <source>a quoted cell is not closed</source>
        <translation>有一个带引号的单元格没有闭合</translation>
    </message>
    <message>
        <source>it is not a DeskWallet address book in JSON</source>
        <translation>它不是 DeskWallet 的 JSON 地址簿</translation>
    </message>
    <message>
        <source>it was written by a newer version of the wallet</source>
        <translation>它由更新版本的钱包写入</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <translation>它不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>The network cannot be added.</source>
        <translation>无法添加该网络。</translation>
    </message>
    <message>
        <source>The network needs a name of at most {limit} characters.</source>
        <translation>网络需要一个名称，最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>The chain id must be a whole number from 1 to {limit}.</source>
        <translation>链 ID 必须是 1 到 {limit} 之间的整数。</translation>
    </message>
    <message>
        <source>Chain id {chain_id} is already in the list, as {chain}.</source>
        <translation>链 ID {chain_id} 已在列表中，即 {chain}。</translation>
    </message>
    <message>
        <source>The coin symbol must be 1 to 11 letters or digits (like ETH).</source>
        <translation>币种符号必须是 1 到 11 个字母或数字（例如 ETH）。</translation>
    </message>
    <message>
        <source>The RPC URL must start with http:// or https:// and name a host (and a valid port, if any), without spaces or a user name and password (an API key goes in the path or the query).</source>
        <translation>RPC 地址必须以 http:// 或 https:// 开头并包含主机名（如有端口，须为有效端口），不能有空格，也不能包含用户名和密码（API 密钥应放在路径或查询参数中）。</translation>
    </message>
    <message>
        <source>The explorer URL must start with https:// or http:// and name a host.</source>
        <translation>区块浏览器地址必须以 https:// 或 http:// 开头并包含主机名。</translation>
    </message>
    <message>
        <source>The explorer API at {endpoint} refused the request: {message}</source>
        <translation>{endpoint} 的区块浏览器 API 拒绝了请求：{message}</translation>
    </message>
    <message>
        <source>The explorer API at {endpoint} sent an invalid reply: {reason}</source>
        <translation>{endpoint} 的区块浏览器 API 返回了无效的回复：{reason}</translation>
    </message>
    <message>
        <source>a list of logs was expected</source>
        <translation>应为日志列表</translation>
    </message>
    <message>
        <source>a log that does not match the filter</source>
        <translation>有日志与过滤条件不符</translation>
    </message>
    <message>
        <source>a log is not an object</source>
        <translation>有日志不是对象</translation>
    </message>
    <message>
        <source>a log has malformed topics</source>
        <translation>有日志的主题格式错误</translation>
    </message>
    <message>
        <source>a log has a malformed address, data or hash</source>
        <translation>有日志的地址、数据或哈希格式错误</translation>
    </message>
    <message>
        <source>not the block that was asked for</source>
        <translation>不是所请求的区块</translation>
    </message>
    <message>
        <source>a block has an impossible time</source>
        <translation>区块的时间不可能成立</translation>
    </message>
    <message>
        <source>a block without its transactions</source>
        <translation>区块缺少其交易</translation>
    </message>
    <message>
        <source>a transaction is not an object</source>
        <translation>有交易不是对象</translation>
    </message>
    <message>
        <source>a transaction has a malformed field</source>
        <translation>有交易的字段格式错误</translation>
    </message>
    <message>
        <source>not the receipt that was asked for</source>
        <translation>不是所请求的收据</translation>
    </message>
    <message>
        <source>an object with a status was expected</source>
        <translation>应为带状态的对象</translation>
    </message>
    <message>
        <source>an entry has a malformed field</source>
        <translation>有条目的字段格式错误</translation>
    </message>
    <message>
        <source>The contact cannot be saved.</source>
        <translation>无法保存该联系人。</translation>
    </message>
    <message>
        <source>A contact needs a name.</source>
        <translation>联系人需要一个名称。</translation>
    </message>
    <message>
        <source>A contact name can have at most {limit} characters.</source>
        <translation>联系人名称最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>A contact note can have at most {limit} characters.</source>
        <translation>联系人备注最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>A contact name cannot contain invisible or control characters.</source>
        <translation>联系人名称不能包含不可见字符或控制字符。</translation>
    </message>
    <message>
        <source>Another contact is already named {name}.</source>
        <translation>已有另一个联系人名为 {name}。</translation>
    </message>
    <message>
        <source>{address} is already in the address book as {name}.</source>
        <translation>{address} 已在地址簿中，名为 {name}。</translation>
    </message>
    <message>
        <source>This contact is no longer in the address book.</source>
        <translation>该联系人已不在地址簿中。</translation>
    </message>
    <message>
        <source>the TLS handshake failed</source>
        <translation>TLS 握手失败</translation>
    </message>
    <message>
        <source>its answer to server.version is malformed</source>
        <translation>它对 server.version 的回答格式不正确</translation>
    </message>
    <message>
        <source>the server presented no TLS certificate</source>
        <translation>服务器未出示 TLS 证书</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>no usable Electrum server is configured</source>
        <translation>未配置可用的 Electrum 服务器</translation>
    </message>
    <message>
        <source>a block header is malformed</source>
        <translation>某个区块头格式不正确</translation>
    </message>
    <message>
        <source>Cannot reach the Electrum server at {server}: {reason}</source>
        <translation>无法连接位于 {server} 的 Electrum 服务器：{reason}</translation>
    </message>
    <message>
        <source>The Electrum server at {server} did not answer within {seconds} s</source>
        <translation>位于 {server} 的 Electrum 服务器在 {seconds} 秒内没有回答</translation>
    </message>
    <message>
        <source>The Electrum server at {server} is silent: no reply within {seconds} s</source>
        <translation>位于 {server} 的 Electrum 服务器没有响应：{seconds} 秒内无任何回复</translation>
    </message>
    <message>
        <source>The Electrum server at {server} sent an invalid reply: {reason}</source>
        <translation>位于 {server} 的 Electrum 服务器发送了无效的回复：{reason}</translation>
    </message>
    <message>
        <source>The Electrum server at {server} sent a reply larger than {limit}</source>
        <translation>位于 {server} 的 Electrum 服务器发送的回复超过 {limit}</translation>
    </message>
    <message>
        <source>The Electrum server at {server} does not speak protocol {wanted} (it offers {offered})</source>
        <translation>位于 {server} 的 Electrum 服务器不支持协议 {wanted}（它提供的是 {offered}）</translation>
    </message>
    <message>
        <source>The Electrum server at {server} refused {method}: {message}</source>
        <translation>位于 {server} 的 Electrum 服务器拒绝了 {method}：{message}</translation>
    </message>
    <message>
        <source>The Electrum server at {server} presented another TLS certificate than the one it showed the first time (SHA-256 {fingerprint}); it was not used</source>
        <translation>位于 {server} 的 Electrum 服务器出示的 TLS 证书与首次连接时的不同（SHA-256 {fingerprint}）；未使用该服务器</translation>
    </message>
    <message>
        <source>The Electrum server at {server} serves another chain (genesis {actual}), not {network}; it was not used</source>
        <translation>位于 {server} 的 Electrum 服务器服务于另一条链（创世区块 {actual}），而不是 {network}；未使用该服务器</translation>
    </message>
    <message>
        <source>The Electrum server at {server} was caught lying and dropped: {reason}</source>
        <translation>位于 {server} 的 Electrum 服务器被发现提供虚假信息，已停用：{reason}</translation>
    </message>
    <message>
        <source>No Electrum server for {network} could be used. Last error: {last}</source>
        <translation>{network} 没有可用的 Electrum 服务器。最后一个错误：{last}</translation>
    </message>
    <message>
        <source>Block header {height} is invalid: {reason}</source>
        <translation>高度 {height} 的区块头无效：{reason}</translation>
    </message>
    <message>
        <source>The proof for transaction {txid} is invalid: {reason}</source>
        <translation>交易 {txid} 的证明无效：{reason}</translation>
    </message>
    <message>
        <source>Transaction {txid} is in block {height}, before the blocks this wallet checks (from {first})</source>
        <translation>交易 {txid} 位于区块 {height}，早于本钱包校验的区块（从 {first} 开始）</translation>
    </message>
    <message>
        <source>The headers from block {height} on form a branch with less work than the chain already held</source>
        <translation>从区块 {height} 起的区块头构成的分叉工作量少于已持有的链</translation>
    </message>
    <message>
        <source>it is not 80 bytes</source>
        <translation>它的长度不是 80 字节</translation>
    </message>
    <message>
        <source>its difficulty is below the network&apos;s minimum</source>
        <translation>它的难度低于该网络的最低难度</translation>
    </message>
    <message>
        <source>its proof of work does not meet its target</source>
        <translation>它的工作量证明未达到目标值</translation>
    </message>
    <message>
        <source>its difficulty changed outside a retarget</source>
        <translation>它的难度在调整周期之外发生了变化</translation>
    </message>
    <message>
        <source>it comes more than two block intervals after its parent but does not carry the minimum difficulty</source>
        <translation>它比父区块晚了两个以上的出块间隔，却没有采用最低难度</translation>
    </message>
    <message>
        <source>its difficulty is not its period&apos;s (the minimum difficulty is allowed only more than two block intervals after the parent)</source>
        <translation>它的难度不是所在调整周期的难度（只有比父区块晚两个以上出块间隔时才允许最低难度）</translation>
    </message>
    <message>
        <source>it is dated too long before its parent for a retarget block (BIP-94)</source>
        <translation>作为难度调整区块，它的时间比父区块早太多（BIP-94）</translation>
    </message>
    <message>
        <source>its difficulty changed more than a retarget allows</source>
        <translation>它的难度变化超出了难度调整允许的范围</translation>
    </message>
    <message>
        <source>the headers do not continue the chain we hold</source>
        <translation>这些区块头无法接续我们已有的链</translation>
    </message>
    <message>
        <source>it is not this network&apos;s genesis block</source>
        <translation>它不是该网络的创世区块</translation>
    </message>
    <message>
        <source>it does not link to the previous header</source>
        <translation>它没有链接到前一个区块头</translation>
    </message>
    <message>
        <source>not a transaction id</source>
        <translation>不是交易 ID</translation>
    </message>
    <message>
        <source>the Merkle branch is malformed</source>
        <translation>默克尔分支格式不正确</translation>
    </message>
    <message>
        <source>the position does not fit the Merkle branch</source>
        <translation>位置与默克尔分支不符</translation>
    </message>
    <message>
        <source>the Merkle proof does not lead to the block&apos;s Merkle root</source>
        <translation>默克尔证明无法推导出该区块的默克尔根</translation>
    </message>
    <message>
        <source>the transaction is too large</source>
        <translation>交易过大</translation>
    </message>
    <message>
        <source>the transaction format is not supported</source>
        <translation>不支持该交易格式</translation>
    </message>
    <message>
        <source>the address is not the script&apos;s</source>
        <translation>该地址不属于该脚本</translation>
    </message>
    <message>
        <source>it refunds to another key than agreed</source>
        <translation>它退款到的密钥与约定的不同</translation>
    </message>
    <message>
        <source>it spends the swap contract with a witness that is neither a claim nor a refund of it</source>
        <translation>它以既非领取也非退款的见证数据花费了交换合约</translation>
    </message>
    <message>
        <source>The signing key is not the one the swap contract names for {action}.</source>
        <translation>签名密钥不是交换合约为{action}指定的密钥。</translation>
    </message>
    <message>
        <source>the claim</source>
        <translation>领取</translation>
    </message>
    <message>
        <source>the refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>The secret does not open this swap contract.</source>
        <translation>该秘密无法解锁此交换合约。</translation>
    </message>
    <message>
        <source>A fee of {fee} at {feerate} per vbyte leaves less than {dust} of the {value} locked (smallest units): the transaction would not be relayed.</source>
        <translation>按每虚拟字节 {feerate} 计算的手续费 {fee} 使锁定的 {value} 剩余不足 {dust}（最小单位）：该交易将不会被转发。</translation>
    </message>
    <message>
        <source>the transaction cannot be parsed</source>
        <translation>无法解析该交易</translation>
    </message>
    <message>
        <source>the claim&apos;s secret does not match the contract&apos;s hash</source>
        <translation>领取交易中的秘密与合约的哈希不符</translation>
    </message>
    <message>
        <source>a 64-byte transaction cannot be proven</source>
        <translation>64 字节的交易无法被证明</translation>
    </message>
    <message>
        <source>the transaction does not hash to its id</source>
        <translation>交易的哈希值与其 ID 不符</translation>
    </message>
    <message>
        <source>its chain tip is malformed</source>
        <translation>它的链顶格式不正确</translation>
    </message>
    <message>
        <source>its block headers are malformed</source>
        <translation>它的区块头格式不正确</translation>
    </message>
    <message>
        <source>the announced tip is not the header the server served</source>
        <translation>它公布的链顶与它提供的区块头不一致</translation>
    </message>
    <message>
        <source>the server cannot prove a transaction it reported</source>
        <translation>服务器无法证明它报告的交易</translation>
    </message>
    <message>
        <source>it names two heights for one transaction</source>
        <translation>它为同一笔交易给出了两个高度</translation>
    </message>
    <message>
        <source>a Merkle proof is malformed</source>
        <translation>某个默克尔证明格式不正确</translation>
    </message>
    <message>
        <source>the proof is for another block than the server named</source>
        <translation>该证明属于另一个区块，而非服务器所指的区块</translation>
    </message>
    <message>
        <source>the server named a block beyond its own chain</source>
        <translation>服务器所指的区块超出了它自己的链</translation>
    </message>
    <message>
        <source>a transaction is not hex</source>
        <translation>某笔交易不是十六进制数据</translation>
    </message>
    <message>
        <source>the server reported a different transaction id</source>
        <translation>服务器报告了不同的交易 ID</translation>
    </message>
    <message>
        <source>the transaction does not involve the address</source>
        <translation>该交易与此地址无关</translation>
    </message>
    <message>
        <source>the transaction does not pay the reported coin to the address</source>
        <translation>该交易并未向此地址支付所报告的币</translation>
    </message>
    <message>
        <source>the history is malformed</source>
        <translation>交易历史格式不正确</translation>
    </message>
    <message>
        <source>the coin list is malformed</source>
        <translation>币列表格式不正确</translation>
    </message>
    <message>
        <source>This is not an atomic-swap contract script: {reason}.</source>
        <translation>这不是原子交换合约脚本：{reason}。</translation>
    </message>
    <message>
        <source>its opcodes are not those of the contract</source>
        <translation>其操作码与该合约的不符</translation>
    </message>
    <message>
        <source>its lock time is not a minimally encoded number</source>
        <translation>其锁定时间不是最简编码的数字</translation>
    </message>
    <message>
        <source>its lock time is out of range</source>
        <translation>其锁定时间超出范围</translation>
    </message>
    <message>
        <source>The counterparty&apos;s contract on {chain} is not the agreed atomic-swap script: {reason}</source>
        <translation>对方在 {chain} 上的合约不是约定的原子交换脚本：{reason}</translation>
    </message>
    <message>
        <source>The counterparty&apos;s lock on {chain} can be refunded after block {locktime}, {remaining} blocks from now; at least {needed} blocks are needed to finish the swap safely.</source>
        <translation>对方在 {chain} 上的锁定在区块 {locktime} 之后即可退款，距现在 {remaining} 个区块；安全完成交换至少需要 {needed} 个区块。</translation>
    </message>
    <message>
        <source>Nothing unspent is locked in the swap contract {address} on {chain}.</source>
        <translation>{chain} 上的交换合约 {address} 中没有未花费的锁定资金。</translation>
    </message>
    <message>
        <source>The counterparty locked {found} on {chain}, less than the {expected} offered (smallest units).</source>
        <translation>对方在 {chain} 上锁定了 {found}，少于报价中的 {expected}（最小单位）。</translation>
    </message>
    <message>
        <source>The counterparty&apos;s lock on {chain} has {found} confirmations; {needed} are needed.</source>
        <translation>对方在 {chain} 上的锁定有 {found} 个确认；需要 {needed} 个。</translation>
    </message>
    <message>
        <source>The median time of block {height} cannot be computed: its earlier headers are not held.</source>
        <translation>无法计算区块 {height} 的中位时间：未持有其之前的区块头。</translation>
    </message>
    <message>
        <source>This is not a {network} account key (zpub or vpub): {reason}</source>
        <translation>这不是 {network} 的账户密钥（zpub 或 vpub）：{reason}</translation>
    </message>
    <message>
        <source>{address} is not a {network} address</source>
        <translation>{address} 不是 {network} 地址</translation>
    </message>
    <message>
        <source>it cannot be decoded</source>
        <translation>无法解码</translation>
    </message>
    <message>
        <source>it is a private key; give the public one</source>
        <translation>这是私钥；请提供公钥</translation>
    </message>
    <message>
        <source>it is for another network or address type</source>
        <translation>它属于其他网络或地址类型</translation>
    </message>
    <message>
        <source>it is not an account-level key (depth 3)</source>
        <translation>它不是账户级密钥（深度 3）</translation>
    </message>
    <message>
        <source>Not enough funds: {needed} needed with the fee, {available} available (smallest units)</source>
        <translation>资金不足：含手续费需要 {needed}，可用 {available}（最小单位）</translation>
    </message>
    <message>
        <source>{amount} is below the dust limit of {limit} for this address (smallest units)</source>
        <translation>{amount} 低于此地址的粉尘限额 {limit}（最小单位）</translation>
    </message>
    <message>
        <source>The signed transaction (PSBT) cannot be used: {reason}</source>
        <translation>无法使用已签名的交易（PSBT）：{reason}</translation>
    </message>
    <message>
        <source>The network rejected the transaction: {reason}</source>
        <translation>网络拒绝了该交易：{reason}</translation>
    </message>
    <message>
        <source>This transaction cannot be sped up: {reason}</source>
        <translation>无法加速此交易：{reason}</translation>
    </message>
    <message>
        <source>No Electrum server is set for {network}.</source>
        <translation>尚未为 {network} 设置 Electrum 服务器。</translation>
    </message>
    <message>
        <source>{name} is a watch-only account: export the payment as a PSBT and sign it where its keys are.</source>
        <translation>{name} 是仅观察账户：请将付款导出为 PSBT，并在持有其密钥的设备上签名。</translation>
    </message>
    <message>
        <source>{name} does not derive from this wallet&apos;s recovery phrase.</source>
        <translation>{name} 不是由本钱包的助记词派生的。</translation>
    </message>
    <message>
        <source>{address} is not a valid {network} address: a character is wrong or missing (its checksum does not match). Copy the address again rather than typing it.</source>
        <translation>{address} 不是有效的 {network} 地址：有字符错误或缺失（校验和不匹配）。请重新复制地址，不要手动输入。</translation>
    </message>
    <message>
        <source>{address} mixes upper- and lower-case letters, which a valid address never does. Copy the address again.</source>
        <translation>{address} 混用了大小写字母，有效地址不会这样。请重新复制地址。</translation>
    </message>
    <message>
        <source>{address} is an address on {other}, not on {network}.</source>
        <translation>{address} 是 {other} 上的地址，不是 {network} 上的地址。</translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <source>{amount} is too small to send: the network does not relay payments below {limit} (they would cost more to spend than they are worth).</source>
        <translation>{amount} 太少，无法发送：网络不转发低于 {limit} 的付款（花费它们的手续费比其本身价值还高）。</translation>
    </message>
    <message>
        <source>Not enough funds: {needed} is needed with the network fee; the account can spend {available}.</source>
        <translation>资金不足：含网络手续费需要 {needed}；该账户可花费 {available}。</translation>
    </message>
    <message>
        <source>Not enough funds: {needed} is needed with the network fee; the account can spend {available} now, and {pending} more once it is confirmed.</source>
        <translation>资金不足：含网络手续费需要 {needed}；该账户现在可花费 {available}，另有 {pending} 确认后可用。</translation>
    </message>
    <message>
        <source>The fee rate must be a number from {minimum} to {maximum} sat/vB.</source>
        <translation>手续费率必须是 {minimum} 到 {maximum} sat/vB 之间的数字。</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>it is not the transaction that was exported (inputs or outputs differ)</source>
        <translation>它不是导出的那笔交易（输入或输出不同）</translation>
    </message>
    <message>
        <source>an input is not signed by its key</source>
        <translation>有输入未由其密钥签名</translation>
    </message>
    <message>
        <source>an input&apos;s signature is not valid</source>
        <translation>有输入的签名无效</translation>
    </message>
    <message>
        <source>it is not an unconfirmed transaction of this account</source>
        <translation>它不是本账户的未确认交易</translation>
    </message>
    <message>
        <source>some of its inputs are not this account&apos;s</source>
        <translation>它的部分输入不属于本账户</translation>
    </message>
    <message>
        <source>it did not signal replaceability</source>
        <translation>它未声明可替换（RBF）</translation>
    </message>
    <message>
        <source>the new fee rate is not higher than the current one</source>
        <translation>新的手续费率不高于当前费率</translation>
    </message>
    <message>
        <source>it pays nothing to this account that could pay for it</source>
        <translation>它没有支付给本账户可用于支付手续费的金额</translation>
    </message>
    <message>
        <source>it already pays that fee rate: choose a higher one</source>
        <translation>它的手续费率已达到该值：请选择更高的费率</translation>
    </message>
    <message>
        <source>Litecoin Core</source>
        <translation>Litecoin Core（莱特币核心）</translation>
    </message>
    <message>
        <source>the Electrum server e-x</source>
        <translation>Electrum 服务器 e-x</translation>
    </message>
    <message>
        <source>the Python package plyvel</source>
        <translation>Python 包 plyvel</translation>
    </message>
    <message>
        <source>node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Electrum server</source>
        <translation>Electrum 服务器</translation>
    </message>
    <message>
        <source>Litecoin regtest is unavailable: {part} is not installed ({where}). Run scripts/bootstrap-utxo.</source>
        <translation>莱特币回归测试网不可用：未安装{part}（{where}）。请运行 scripts/bootstrap-utxo。</translation>
    </message>
    <message>
        <source>The local Litecoin {part} did not start ({state}); see {log}.</source>
        <translation>本地莱特币{part}未能启动（{state}）；请查看 {log}。</translation>
    </message>
    <message>
        <source>The local Litecoin node was stopped.</source>
        <translation>本地莱特币节点已停止。</translation>
    </message>
    <message>
        <source>The local Litecoin node refused {method}: {message}</source>
        <translation>本地莱特币节点拒绝了 {method}：{message}</translation>
    </message>
    <message>
        <source>The playground&apos;s {chain} chain cannot be used: {reason}</source>
        <translation>练习场的 {chain} 链无法使用：{reason}</translation>
    </message>
    <message>
        <source>The local Litecoin chain did not start: {detail}</source>
        <translation>本地莱特币链未能启动：{detail}</translation>
    </message>
    <message>
        <source>the playground is not running</source>
        <translation>练习场未在运行</translation>
    </message>
    <message>
        <source>it is still starting</source>
        <translation>它仍在启动中</translation>
    </message>
    <message>
        <source>the playground has no such chain</source>
        <translation>练习场中没有这条链</translation>
    </message>
    <message>
        <source>The wallet already has this {network} account.</source>
        <translation>钱包中已有此 {network} 账户。</translation>
    </message>
    <message>
        <source>{name} cannot swap with a {chain} leg: hardware and offline accounts cannot sign Bitcoin or Litecoin yet. Choose an account of this wallet&apos;s recovery phrase.</source>
        <translation>{name} 无法进行涉及 {chain} 的兑换：硬件和离线账户暂时无法签署比特币或莱特币交易。请选择本钱包助记词下的账户。</translation>
    </message>
    <message>
        <source>This offer has a leg on {chain}, and this wallet has no Electrum server for it: it can neither check nor make that leg. Nothing was signed.</source>
        <translation>此报价有一方在 {chain} 上，而本钱包没有该网络的 Electrum 服务器：无法核对或完成这一方。未签署任何内容。</translation>
    </message>
    <message>
        <source>{chain} is not available now (the playground&apos;s chains stop with the playground): this swap waits, and goes on by itself once the chain is back. Its timelocks keep running.</source>
        <translation>{chain} 目前不可用（测试场的链随测试场一起停止）：此兑换会等待，该链恢复后自动继续。其时间锁仍在计时。</translation>
    </message>
    <message>
        <source>Chain {chain_id} is not available now (the playground&apos;s chains stop with the playground): this swap waits, and goes on by itself once the chain is back. Its timelocks keep running.</source>
        <translation>链 {chain_id} 目前不可用（测试场的链随测试场一起停止）：此兑换会等待，该链恢复后自动继续。其时间锁仍在计时。</translation>
    </message>
    <message>
        <source>The swap of this acceptance ({swap_id}) has started already: it is in the list below.</source>
        <translation>此接受消息的兑换（{swap_id}）已经开始：见下方列表。</translation>
    </message>
    <message>
        <source>This acceptance is from another taker: your offer&apos;s swap ({swap_id}) runs with the acceptance you started it with, since an offer is swapped once. Nothing was locked for this one.</source>
        <translation>此接受消息来自另一位接单方：您报价的兑换（{swap_id}）按您开始时所用的接受消息进行，一个报价只能兑换一次。未为此接受消息锁定任何资金。</translation>
    </message>
    <message>
        <source>Your {chain} account holds {available} {symbol}, and this swap locks {needed} {symbol} plus the network fee there: pay coins to it on the Bitcoin &amp; Litecoin page first. Nothing was accepted.</source>
        <translation>您的 {chain} 账户持有 {available} {symbol}，而此兑换要在该网络锁定 {needed} {symbol}，另加网络手续费：请先在“比特币和莱特币”页面向它转入币。未接受此报价。</translation>
    </message>
    <message>
        <source>Your {chain} account cannot pay this swap&apos;s lock: {needed} {symbol} is needed with the network fee, and it can spend {available} {symbol}. Pay coins to it on the Bitcoin &amp; Litecoin page; the swap locks as soon as it can.</source>
        <translation>您的 {chain} 账户无法支付此兑换的锁定：含网络手续费需要 {needed} {symbol}，而它可用 {available} {symbol}。请在“比特币和莱特币”页面向它转入币；兑换会尽快锁定。</translation>
    </message>
    <message>
        <source>This is your own offer: send it to the other party, and start the swap with the acceptance they send back.</source>
        <translation>这是您自己的报价：请把它发给对方，并用对方发回的接受消息开始兑换。</translation>
    </message>
    <message>
        <source>You took this offer already, and that swap ({swap_id}) has ended: an offer is swapped once.</source>
        <translation>您已接受过此报价，该兑换（{swap_id}）已结束：一个报价只能兑换一次。</translation>
    </message>
    <message>
        <source>Bitcoin</source>
        <translation>比特币</translation>
    </message>
    <message>
        <source>a test network</source>
        <translation>测试网络</translation>
    </message>
    <message>
        <source>Litecoin</source>
        <translation>莱特币</translation>
    </message>
    <message>
        <source>This is not a PSBT that can be read: {reason}. Nothing was signed.</source>
        <translation>这不是可以读取的 PSBT：{reason}。未签名任何内容。</translation>
    </message>
    <message>
        <source>This PSBT is not signed: {reason}</source>
        <translation>未签署此 PSBT：{reason}</translation>
    </message>
    <message>
        <source>This PSBT is for {other}, not for {network}. Nothing was signed.</source>
        <translation>此 PSBT 属于{other}，而不是{network}。未签名任何内容。</translation>
    </message>
    <message>
        <source>Input {number} of this PSBT comes without its previous transaction, so the amount it states cannot be checked, nor the fee. Nothing was signed: export the PSBT again with the full previous transactions of its inputs.</source>
        <translation>此 PSBT 的第 {number} 个输入未附带其前序交易，因此无法核对它所声明的金额，也无法核对手续费。未进行任何签名：请重新导出 PSBT，并附带其各输入的完整前序交易。</translation>
    </message>
    <message>
        <source>None of this PSBT&apos;s inputs is spent by this account&apos;s keys ({network}): there is nothing for it to sign.</source>
        <translation>此 PSBT 的输入都不由本账户（{network}）的密钥花费：没有需要它签名的内容。</translation>
    </message>
    <message>
        <source>it is neither base64 text nor a PSBT file</source>
        <translation>它既不是 base64 文本，也不是 PSBT 文件</translation>
    </message>
    <message>
        <source>it is too large</source>
        <translation>它太大了</translation>
    </message>
    <message>
        <source>it does not start as a PSBT does</source>
        <translation>它的开头不是 PSBT 的格式</translation>
    </message>
    <message>
        <source>its contents are damaged</source>
        <translation>其内容已损坏</translation>
    </message>
    <message>
        <source>it has no inputs or no outputs</source>
        <translation>它没有输入或没有输出</translation>
    </message>
    <message>
        <source>it asks for a kind of signature (sighash) that would let others change the payment afterwards</source>
        <translation>它要求的签名类型（sighash）会让他人在签名后更改这笔付款</translation>
    </message>
    <message>
        <source>its outputs pay more than its inputs hold</source>
        <translation>其输出支付的金额超过了输入所含的金额</translation>
    </message>
    <message>
        <source>the previous transaction it gives for an input is not the one that input spends</source>
        <translation>它为某个输入提供的前一笔交易并不是该输入所花费的交易</translation>
    </message>
    <message>
        <source>an input&apos;s amount differs from the amount in its previous transaction</source>
        <translation>某个输入的金额与其前一笔交易中的金额不符</translation>
    </message>
    <message>
        <source>another coin</source>
        <translation>另一种币</translation>
    </message>
    <message>
        <source>a main network</source>
        <translation>主网</translation>
    </message>
    <message>
        <source>{server} is not an Electrum server address: write ssl://host:port or tcp://host:port, one per line.</source>
        <translation>{server} 不是 Electrum 服务器地址：请写成 ssl://主机:端口 或 tcp://主机:端口，每行一个。</translation>
    </message>
    <message>
        <source>{server}: an Electrum server address starts with ssl:// (encrypted) or tcp://.</source>
        <translation>{server}：Electrum 服务器地址以 ssl://（加密）或 tcp:// 开头。</translation>
    </message>
    <message>
        <source>{server}: the port must be a number from 1 to 65535 (ElectrumX and Fulcrum use 50002 for ssl://, 50001 for tcp://).</source>
        <translation>{server}：端口必须是 1 到 65535 之间的数字（ElectrumX 和 Fulcrum 的 ssl:// 用 50002，tcp:// 用 50001）。</translation>
    </message>
    <message>
        <source>{server}: the host name or IP address is missing or not valid.</source>
        <translation>{server}：缺少主机名或 IP 地址，或其无效。</translation>
    </message>
    <message>
        <source>{server}: tcp:// is unencrypted, so it is allowed only for an IP address on this computer or your local network. Use ssl:// for {host}.</source>
        <translation>{server}：tcp:// 不加密，因此只允许用于本机或局域网内的 IP 地址。{host} 请使用 ssl://。</translation>
    </message>
    <message>
        <source>{server} is listed twice.</source>
        <translation>{server} 重复列出了。</translation>
    </message>
    <message>
        <source>Enter at least one Electrum server, one per line (or use the defaults).</source>
        <translation>请至少输入一个 Electrum 服务器，每行一个（或使用默认服务器）。</translation>
    </message>
    <message>
        <source>At most {limit} Electrum servers per network.</source>
        <translation>每个网络最多 {limit} 个 Electrum 服务器。</translation>
    </message>
</context>
<context>
    <name>Wordlists</name>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Chinese (Simplified)</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Chinese (Traditional)</source>
        <translation>繁体中文</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>捷克语</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
</context>
</TS>
