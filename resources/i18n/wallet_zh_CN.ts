<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Add a token</source>
        <translation>添加代币</translation>
    </message>
    <message>
        <source>Token contract address</source>
        <translation>代币合约地址</translation>
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
        <source>All accounts ≈ ${total} (prices from the chain&apos;s DEX)</source>
        <translation>全部账户 ≈ ${total}（价格来自链上 DEX）</translation>
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
        <source>Copy xpub</source>
        <translation>复制 xpub</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>修改密码…</translation>
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
        <source>Derivation path</source>
        <translation>派生路径</translation>
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
        <source>Selected account</source>
        <translation>所选账户</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>全部账户</translation>
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
        <source>Offline signer</source>
        <translation>离线签名账户</translation>
    </message>
    <message>
        <source>Watch-only</source>
        <translation>仅观察</translation>
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
        <source> (speed-up)</source>
        <translation>（加速）</translation>
    </message>
    <message>
        <source> (cancel)</source>
        <translation>（取消）</translation>
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
        <source>Open in explorer</source>
        <translation>在区块浏览器中打开</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
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
        <translation>Nonce</translation>
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
        <source>Swap</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Trade tokens on Uniswap V2 and V3 with quotes, price impact and slippage protection.</source>
        <translation>在 Uniswap V2 和 V3 上交易代币，提供报价、价格影响和滑点保护。</translation>
    </message>
    <message>
        <source>Atomic swap</source>
        <translation>原子交换</translation>
    </message>
    <message>
        <source>Swap coins across chains with hash-locked contracts, with no exchange holding your coins.</source>
        <translation>通过哈希锁合约跨链交换币，无需交易所托管你的币。</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
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
        <source>it asks for chain id {chain_id}</source>
        <translation>它要求链 ID {chain_id}</translation>
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
        <translation>Nonce</translation>
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
        <source>0x… address, ENS name or ethereum: payment link</source>
        <translation>0x… 地址、ENS 名称或 ethereum: 收款链接</translation>
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
        <source>Check before you sign</source>
        <translation>签名前请核对</translation>
    </message>
    <message>
        <source>Confirm and send</source>
        <translation>确认并发送</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
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
        <translation>Nonce</translation>
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
        <source>No node for {chain} could be used. Last error: {last}</source>
        <translation>{chain} 没有可用的节点。最后一个错误：{last}</translation>
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
        <source>Not a usable RPC URL: it must start with http:// or https://.</source>
        <translation>无法使用的 RPC 地址：必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>The network cannot be added: {reason}</source>
        <translation>无法添加网络：{reason}</translation>
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
</context>
</TS>
