<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>ErrorText</name>
    <message>
        <source>Unexpected error: {detail}</source>
        <translation>意外错误：{detail}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>DeskWallet</source>
        <translation>DeskWallet 钱包</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>No accounts yet. Create a wallet or restore one from its recovery phrase to see balances here.</source>
        <translation>还没有账户。创建钱包或用助记词恢复钱包后，余额会显示在这里。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send coins and tokens from your accounts. Add an account first.</source>
        <translation>从你的账户发送币和代币。请先添加账户。</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Show an address and its QR code to receive funds. Add an account first.</source>
        <translation>显示收款地址及其二维码。请先添加账户。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>交易记录</translation>
    </message>
    <message>
        <source>Your transactions appear here once you send or receive funds.</source>
        <translation>发送或接收资金后，你的交易会显示在这里。</translation>
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
        <source>Connect a Ledger or Trezor over USB to use accounts whose keys never leave the device.</source>
        <translation>通过 USB 连接 Ledger 或 Trezor，使用私钥永不离开设备的账户。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
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
</context>
</TS>
