<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>till</source>
        <translation>收银机</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>by</source>
        <translation>日结人</translation>
    </message>
    <message>
        <source>from</source>
        <translation>由</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>结算时间</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>shift</source>
        <translation>更次</translation>
    </message>
    <message>
        <source>count</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>今日没有付款</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>QFPay account</source>
        <translation>QFPay 账户</translation>
    </message>
    <message>
        <source>Training needs no account. For real payments enter what QFPay sent you; the client key is kept in the system keyring and is never shown again.</source>
        <translation>训练模式不需要账户。如要收取真实付款，请输入 QFPay 提供的资料；客户密钥会保存在系统密钥环中，之后不会再显示。</translation>
    </message>
    <message>
        <source>Training (no real money)</source>
        <translation>训练（不涉及真实金钱）</translation>
    </message>
    <message>
        <source>Sandbox (QFPay test account)</source>
        <translation>沙盒（QFPay 测试账户）</translation>
    </message>
    <message>
        <source>Test (QFPay staging)</source>
        <translation>测试（QFPay 预备环境）</translation>
    </message>
    <message>
        <source>Production (real money)</source>
        <translation>正式（真实金钱）</translation>
    </message>
    <message>
        <source>only if QFPay gave you one</source>
        <translation>只在 QFPay 有提供时填写</translation>
    </message>
    <message>
        <source>leave empty for QFPay&apos;s own address</source>
        <translation>留空即使用 QFPay 的官方地址</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连线</translation>
    </message>
    <message>
        <source>App code</source>
        <translation>App code</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客户密钥</translation>
    </message>
    <message>
        <source>Merchant id (mchid)</source>
        <translation>商户编号 (mchid)</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名方式</translation>
    </message>
    <message>
        <source>Gateway address</source>
        <translation>闸道地址</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>stored in the keyring; type a new key to replace it</source>
        <translation>已保存在密钥环；输入新密钥即可取代</translation>
    </message>
    <message>
        <source>Training mode needs no account: nothing to test.</source>
        <translation>训练模式不需要账户，无需测试。</translation>
    </message>
    <message>
        <source>Enter the app code and the client key first.</source>
        <translation>请先输入 App code 及客户密钥。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>测试中…</translation>
    </message>
</context>
<context>
    <name>CashierPicker</name>
    <message>
        <source>Start of shift</source>
        <translation>开始当值</translation>
    </message>
    <message>
        <source>Your PIN</source>
        <translation>你的密码</translation>
    </message>
    <message>
        <source>Who is at the till?</source>
        <translation>谁在收银？</translation>
    </message>
    <message>
        <source>Type your PIN, then press Enter.</source>
        <translation>请输入你的密码，然后按 Enter。</translation>
    </message>
</context>
<context>
    <name>Chain</name>
    <message>
        <source>The head-office database must be a postgresql://user@host/db address</source>
        <translation>总部数据库必须是 postgresql://user@host/db 格式的地址</translation>
    </message>
    <message>
        <source>Put no password in the address: store it with &apos;qfpay-pos chain password&apos; (keyring) or set PGPASSWORD</source>
        <translation>地址中不要包含密码：请用 &apos;qfpay-pos chain password&apos; 存入密钥环，或设置 PGPASSWORD</translation>
    </message>
    <message>
        <source>The address needs a host and a database name</source>
        <translation>地址需要主机和数据库名称</translation>
    </message>
    <message>
        <source>The password is empty</source>
        <translation>密码为空</translation>
    </message>
    <message>
        <source>Head office refused the user name or password. Check both with whoever runs head office.</source>
        <translation>总部拒绝了用户名或密码。请向管理总部的人核对两者。</translation>
    </message>
    <message>
        <source>Head office has no database named {database}.</source>
        <translation>总部没有名为 {database} 的数据库。</translation>
    </message>
    <message>
        <source>Head office has no user by that name.</source>
        <translation>总部没有这个名称的用户。</translation>
    </message>
    <message>
        <source>Head office does not let this till in (its pg_hba.conf refuses it).</source>
        <translation>总部不允许这台收银机连接（其 pg_hba.conf 拒绝了它）。</translation>
    </message>
    <message>
        <source>Head office cannot be reached at {host}. Check the address, that head office is running and that this till&apos;s network reaches it.</source>
        <translation>无法连接位于 {host} 的总部。请检查地址、总部是否正在运行，以及这台收银机的网络能否连到总部。</translation>
    </message>
    <message>
        <source>Head office answers but is not set up yet: start &apos;qfpay-pos backoffice serve&apos; there once, then test again.</source>
        <translation>总部有响应，但尚未设置：请先在总部运行一次 &apos;qfpay-pos backoffice serve&apos;，然后再测试。</translation>
    </message>
    <message>
        <source>Head office and this till run different versions (head office schema {theirs}, this till expects {ours}). Update the older one first.</source>
        <translation>总部与这台收银机的版本不同（总部数据结构 {theirs}，这台收银机需要 {ours}）。请先更新较旧的一方。</translation>
    </message>
    <message>
        <source>Connected to head office at {host}. Tills it knows so far: {tills}.</source>
        <translation>已连接位于 {host} 的总部。总部目前知道的收银机数量：{tills}。</translation>
    </message>
</context>
<context>
    <name>ChainPage</name>
    <message>
        <source>Chain of shops</source>
        <translation>连锁店铺</translation>
    </message>
    <message>
        <source>Optional: for a merchant with several shops or tills.</source>
        <translation>可选：适用于有多家店铺或多台收银机的商户。</translation>
    </message>
    <message>
        <source>One head office keeps the books of every till and shares QFPay&apos;s request limit between them.</source>
        <translation>由一个总部保存每台收银机的账目，并让它们共用 QFPay 的请求上限。</translation>
    </message>
    <message>
        <source>This till works on its own</source>
        <translation>这台收银机独立运行</translation>
    </message>
    <message>
        <source>This till is part of a chain</source>
        <translation>这台收银机属于连锁店铺</translation>
    </message>
    <message>
        <source>kept in the system keyring; leave empty to keep the stored one</source>
        <translation>保存在系统密钥环；留空则保留已保存的密码</translation>
    </message>
    <message>
        <source>empty: the shop&apos;s name on the receipt</source>
        <translation>留空：使用收据上的店铺名称</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连线</translation>
    </message>
    <message>
        <source>Head office</source>
        <extracomment>None until a test finished; then whether head office answered as it should.</extracomment>
        <translation>总部</translation>
    </message>
    <message>
        <source>Database address</source>
        <translation>数据库地址</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Shop name in the chain&apos;s reports</source>
        <translation>连锁报表中的店铺名称</translation>
    </message>
    <message>
        <source>This till&apos;s id at head office</source>
        <translation>这台收银机在总部的编号</translation>
    </message>
    <message>
        <source>Head office&apos;s administrator gives you the address and the password. The till keeps taking payments when head office cannot be reached, and sends its sales when it can. Changes take effect when the till restarts.</source>
        <translation>地址和密码由总部的管理员提供。无法连接总部时，收银机照常收款，能连接时再发送销售记录。更改会在收银机重新启动后生效。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>测试中…</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>The address {host} does not exist for this computer (DNS). Check the region ({region}), then the internet connection.</source>
        <extracomment>More than this between the gateway&apos;s clock and ours is worth fixing.</extracomment>
        <translation>这部电脑找不到地址 {host}（DNS）。请检查地区（{region}），再检查网络连线。</translation>
    </message>
    <message>
        <source>The connection to {host} is not trusted (certificate problem). Check the computer&apos;s date and time; a network that intercepts HTTPS must let QFPay through.</source>
        <translation>与 {host} 的连线不受信任（证书问题）。请检查电脑的日期和时间；拦截 HTTPS 的网络必须放行 QFPay。</translation>
    </message>
    <message>
        <source>Cannot reach {host} ({reason}). Check the internet connection, a firewall or proxy, and the region ({region}).</source>
        <translation>无法连接 {host}（{reason}）。请检查网络连线、防火墙或代理服务器，以及地区（{region}）。</translation>
    </message>
    <message>
        <source>QFPay refused the signature (1108): the client key does not belong to app code {app_code}, or these credentials are for another environment or region than {env}/{region}. Copy the key again from the QFPay portal; if it is right, try the {other} signature.</source>
        <translation>QFPay 拒绝了签名（1108）：客户密钥不属于 App code {app_code}，或这组凭证属于 {env}/{region} 以外的环境或地区。请从 QFPay 商户平台重新复制密钥；如密钥正确，请改用 {other} 签名。</translation>
    </message>
    <message>
        <source>QFPay does not accept the merchant id {mchid} with this app code (1104). Check it, or leave it empty if QFPay gave you none.</source>
        <translation>QFPay 不接受此 App code 配合商户编号 {mchid}（1104）。请检查；如 QFPay 没有提供商户编号，请留空。</translation>
    </message>
    <message>
        <source>This app code needs a merchant id (mchid) (1104). QFPay sent it together with the app code: enter it with the credentials.</source>
        <translation>此 App code 需要商户编号 (mchid)（1104）。QFPay 会连同 App code 一并提供，请与凭证一同输入。</translation>
    </message>
    <message>
        <source>QFPay answered {code}: {reason}. Send this to QFPay support with the till&apos;s diagnostics.</source>
        <translation>QFPay 回复 {code}：{reason}。请将此消息连同收银机的诊断资料发送给 QFPay 客户支持。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {minutes} minutes ahead of QFPay&apos;s. Set the date, time and time zone (turn on automatic time): order times and receipts use this clock.</source>
        <translation>这部电脑的时钟比 QFPay 快 {minutes} 分钟。请设置日期、时间及时区（开启自动校时）：订单时间和收据都使用这个时钟。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {minutes} minutes behind QFPay&apos;s. Set the date, time and time zone (turn on automatic time): order times and receipts use this clock.</source>
        <translation>这部电脑的时钟比 QFPay 慢 {minutes} 分钟。请设置日期、时间及时区（开启自动校时）：订单时间和收据都使用这个时钟。</translation>
    </message>
    <message>
        <source>Connected: {host} accepted the signed request for app code {app_code} ({env}/{region}, {sign_type}). Nothing was charged.</source>
        <translation>已连线：{host} 接受了 App code {app_code} 的签名请求（{env}/{region}，{sign_type}）。没有任何收费。</translation>
    </message>
    <message>
        <source>{host} answers, but not as a QFPay gateway ({reason}). Check the region ({region}) and any custom address in the settings.</source>
        <translation>{host} 有回应，但不是 QFPay 闸道（{reason}）。请检查地区（{region}）及设置中的自订地址。</translation>
    </message>
    <message>
        <source>The request could not be made: {reason}</source>
        <translation>无法发出请求：{reason}</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>No credentials stored</source>
        <translation>未保存登入凭证</translation>
    </message>
    <message>
        <source>Both the app code and the client key are needed</source>
        <translation>必须同时提供 App Code 及 Client Key</translation>
    </message>
    <message>
        <source>The client key contains characters that cannot be right</source>
        <translation>Client Key 含有不正确的字元</translation>
    </message>
    <message>
        <source>Training mode uses built-in credentials</source>
        <translation>培训模式使用内置凭证</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <source>Export CSV</source>
        <translation>汇出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Please scan to pay</source>
        <extracomment>Width of the customer window when it shares the till&apos;s only screen (at most). Narrowest useful customer window: a QR code a phone still reads from arm&apos;s length.</extracomment>
        <translation>请扫码付款</translation>
    </message>
    <message>
        <source>Simulate customer scan
(training) [F12]</source>
        <extracomment>Width the till&apos;s own screen must keep for itself (its sale screen&apos;s minimum), so on a single screen this window never covers the keypad. Set by the till.</extracomment>
        <translation>模拟顾客扫码
（培训）[F12]</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
    <message>
        <source>Scan with %1</source>
        <translation>请用 %1 扫描</translation>
    </message>
    <message>
        <source>Thank you! Paid with %1</source>
        <translation>谢谢！已用 %1 付款</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>谢谢！</translation>
    </message>
    <message>
        <source>No payment was taken</source>
        <translation>没有收取任何款项</translation>
    </message>
    <message>
        <source>Please wait for the cashier</source>
        <translation>请稍候收银员</translation>
    </message>
    <message>
        <source>Code valid for %1</source>
        <extracomment>The settings&apos; ``customer_screen``: &quot;auto&quot;, &quot;till&quot; or a screen&apos;s name.</extracomment>
        <translation>二维码有效时间 %1</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Scanner and printer</source>
        <translation>扫描器及打印机</translation>
    </message>
    <message>
        <source>Try both here, before the first customer.</source>
        <translation>在第一位顾客光临前，先在这里测试两者。</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫描器</translation>
    </message>
    <message>
        <source>Keyboard (USB scanner that types)</source>
        <translation>键盘模式（会自动输入的 USB 扫描器）</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>click here and scan a code to test</source>
        <translation>按这里，然后扫描一个码来测试</translation>
    </message>
    <message>
        <source>Scan now to test</source>
        <translation>立即扫描测试</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>收据打印机</translation>
    </message>
    <message>
        <source>No printer (receipts on screen)</source>
        <translation>没有打印机（收据只在屏幕显示）</translation>
    </message>
    <message>
        <source>USB (ESC/POS)</source>
        <translation>USB（ESC/POS）</translation>
    </message>
    <message>
        <source>Network (IP address)</source>
        <translation>网络（IP 地址）</translation>
    </message>
    <message>
        <source>Text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>USB 04b8:0202, serial /dev/ttyUSB0 or COM3, network 192.168.1.50:9100</source>
        <translation>USB 04b8:0202、串口 /dev/ttyUSB0 或 COM3、网络 192.168.1.50:9100</translation>
    </message>
    <message>
        <source>Print a receipt after every sale</source>
        <translation>每笔交易后打印收据</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>测试打印</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Port or address</source>
        <translation>端口或地址</translation>
    </message>
    <message>
        <source>Characters per line</source>
        <translation>每行字数</translation>
    </message>
    <message>
        <source>A second screen, when one is connected</source>
        <translation>第二个屏幕（如有连接）</translation>
    </message>
    <message>
        <source>A window beside the till (one screen)</source>
        <translation>收银画面旁的视窗（单一屏幕）</translation>
    </message>
    <message>
        <source>Customer QR code on</source>
        <translation>顾客二维码显示于</translation>
    </message>
    <message>
        <source>Network (leave empty unless your network needs it)</source>
        <translation>网络（除非你的网络需要，否则留空）</translation>
    </message>
    <message>
        <source>proxy, e.g. http://proxy.example:3128</source>
        <translation>代理服务器，例如 http://proxy.example:3128</translation>
    </message>
    <message>
        <source>full path of a PEM file of certificates</source>
        <translation>PEM 证书文件的完整路径</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理服务器</translation>
    </message>
    <message>
        <source>Own CA bundle</source>
        <translation>自定义 CA 证书文件</translation>
    </message>
    <message>
        <source>The scanner works: read %1 characters (%2).</source>
        <translation>扫描器正常：读到 %1 个字元（%2）。</translation>
    </message>
    <message>
        <source>If you can read this, receipts will print.</source>
        <translation>看得到这行字，即表示收据可以正常打印。</translation>
    </message>
    <message>
        <source>No printer chosen: receipts stay on screen.</source>
        <translation>未选择打印机：收据只在屏幕显示。</translation>
    </message>
    <message>
        <source>Test print failed: %1</source>
        <translation>测试打印失败：%1</translation>
    </message>
    <message>
        <source>Test page sent to the printer.</source>
        <translation>测试页已送往打印机。</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Transactions</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Order number, syssn, last 4 digits of the code, or amount</source>
        <translation>订单编号、syssn、付款码最后 4 位或金额</translation>
    </message>
    <message>
        <source>All wallets</source>
        <translation>所有钱包</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>搜寻</translation>
    </message>
    <message>
        <source>From</source>
        <translation>由</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Select a transaction to see its audit trail.</source>
        <translation>选择一笔交易以查看其审计记录。</translation>
    </message>
    <message>
        <source>Reprint receipt [Ctrl+P]</source>
        <translation>重印收据 [Ctrl+P]</translation>
    </message>
    <message>
        <source>Refund… [Ctrl+R]</source>
        <translation>退款… [Ctrl+R]</translation>
    </message>
    <message>
        <source>Add note… [Ctrl+N]</source>
        <translation>加入备注… [Ctrl+N]</translation>
    </message>
    <message>
        <source>Export CSV… [Ctrl+E]</source>
        <translation>汇出 CSV… [Ctrl+E]</translation>
    </message>
    <message>
        <source>Check with QFPay…</source>
        <translation>与 QFPay 核对…</translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation>关闭 [Esc]</translation>
    </message>
    <message>
        <source> (scroll for more)</source>
        <translation>（向下卷动查看更多）</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s) shown</source>
        <translation>
            <numerusform>显示 %n 笔交易</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a transaction QFPay knows (with a syssn).</source>
        <translation>请选择 QFPay 有记录的交易（有 syssn）。</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>加入备注</translation>
    </message>
    <message>
        <source>Note for QFPay:</source>
        <translation>给 QFPay 的备注：</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>已加入备注。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported.</source>
        <translation>
            <numerusform>已汇出 %n 行。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <extracomment>(header marked for translation, sort key in ``pos_app.engine.history.SORTABLE`` or None)</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>钱包</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>QFPay number (syssn)</source>
        <translation>QFPay 编号 (syssn)</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete the last digit (Backspace)</source>
        <extracomment>Cents entry for the amount being keyed; a &quot;.&quot; switches this one amount to decimal entry, so &quot;12.5&quot; still means 12.50 for a cashier used to typing the point.</extracomment>
        <translation>删除最后一位数字 (Backspace)</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Clear the amount (Delete)</source>
        <translation>清除金额 (Delete)</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <source>The system keyring is locked. Unlock it (log in to the desktop, or open &apos;Passwords and Keys&apos; and unlock &apos;Login&apos;), then try again.</source>
        <translation>系统密钥环已锁定。请先解锁（登入桌面，或打开「密码和金钥」并解锁「登入」），然后再试。</translation>
    </message>
    <message>
        <source>No keyring is reachable: the till was started outside a desktop session (no D-Bus session bus). Start it from the desktop, or run it inside &apos;dbus-run-session&apos; with gnome-keyring-daemon unlocked.</source>
        <translation>无法连接密钥环：收银机不是在桌面工作阶段中启动（没有 D-Bus 工作阶段汇流排）。请从桌面启动，或在 &apos;dbus-run-session&apos; 中执行并解锁 gnome-keyring-daemon。</translation>
    </message>
    <message>
        <source>No keyring service is running ({error}). Install one: &apos;sudo apt-get install gnome-keyring&apos; (Debian/Ubuntu) or &apos;sudo dnf install gnome-keyring&apos; (Fedora), then log out and in again. The till never stores the key in a file; training mode works meanwhile.</source>
        <translation>没有正在运行的密钥环服务（{error}）。请安装：&apos;sudo apt-get install gnome-keyring&apos;（Debian/Ubuntu）或 &apos;sudo dnf install gnome-keyring&apos;（Fedora），然后登出再登入。收银机绝不会把密钥存入文件；期间仍可使用训练模式。</translation>
    </message>
    <message>
        <source>The macOS Keychain refused the till ({error}). Open &apos;Keychain Access&apos;, make sure the &apos;login&apos; keychain is unlocked, and allow &apos;qfpay-pos&apos; when asked.</source>
        <translation>macOS 钥匙圈拒绝了收银机（{error}）。请打开「钥匙圈存取」，确认「登入」钥匙圈已解锁，并在询问时允许 &apos;qfpay-pos&apos;。</translation>
    </message>
    <message>
        <source>The Windows Credential Manager refused the till ({error}). Sign in to Windows with a normal user account (not a guest or kiosk account) and try again.</source>
        <translation>Windows 认证管理员拒绝了收银机（{error}）。请以一般使用者账户（并非访客或自助终端账户）登入 Windows，然后再试。</translation>
    </message>
    <message>
        <source>No keyring is available on this computer ({error}); the till never stores the key in a file. Training mode works meanwhile.</source>
        <translation>这部电脑没有可用的密钥环（{error}）；收银机绝不会把密钥存入文件。期间仍可使用训练模式。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Payment in progress</source>
        <translation>付款进行中</translation>
    </message>
    <message>
        <source>A payment is still in progress. Closing now does not lose it: the till finishes it, or checks it again at the next start.</source>
        <translation>仍有付款正在进行中。现在关闭不会遗失这笔付款：收银机会完成它，或在下次启动时再次核实。</translation>
    </message>
    <message>
        <source>Keep the till open</source>
        <translation>保持收银机开启</translation>
    </message>
    <message>
        <source>Close when the payment is finished</source>
        <translation>付款完成后关闭</translation>
    </message>
    <message>
        <source>Close now</source>
        <translation>立即关闭</translation>
    </message>
    <message>
        <source>Closing when the payment is finished…</source>
        <translation>付款完成后将会关闭…</translation>
    </message>
    <message>
        <source>QFPay till %1</source>
        <translation>QFPay 收银机 %1</translation>
    </message>
    <message>
        <source>TRAINING MODE — practice only, no real money moves</source>
        <translation>培训模式 — 只作练习，不涉及真实款项</translation>
    </message>
    <message>
        <source>Starting the till…</source>
        <translation>收银机启动中…</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>History</source>
        <translation>交易记录</translation>
    </message>
    <message>
        <source>Day close</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Customer screen</source>
        <translation>顾客屏幕</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The largest sale on this till is %1.</source>
        <translation>此收银机单笔交易上限为 %1。</translation>
    </message>
    <message>
        <source>The till cannot start.</source>
        <translation>收银机无法启动。</translation>
    </message>
    <message>
        <source>The till stopped: the journal is damaged.</source>
        <translation>收银机已停止：交易日志已损坏。</translation>
    </message>
    <message>
        <source>The till is still starting…</source>
        <translation>收银机仍在启动中…</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <source>checking with QFPay…</source>
        <extracomment>Lines visible at once; more scroll (the sale screen keeps its room on small screens). How long the settled list stays on screen before it leaves by itself.</extracomment>
        <translation>正在向 QFPay 核实…</translation>
    </message>
    <message>
        <source>Recovered at start</source>
        <translation>启动时已恢复</translation>
    </message>
    <message>
        <source>Hide ×</source>
        <translation>隐藏 ×</translation>
    </message>
    <message>
        <source>Hide this list (the history keeps every line)</source>
        <translation>隐藏此列表（交易记录会保留每一项）</translation>
    </message>
    <message>
        <source>Scan ignored: a payment is already in progress.</source>
        <translation>已略过扫码：另一笔付款正在进行中。</translation>
    </message>
    <message>
        <source>Scan ignored: key the amount first, then scan.</source>
        <translation>已忽略扫码：请先输入金额，再扫描。</translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <source>Manager PIN</source>
        <translation>经理密码</translation>
    </message>
    <message>
        <source>A manager opens the till&apos;s settings. Saved changes take effect when the till is restarted.</source>
        <translation>由经理打开收银机设置。保存的更改会在收银机重新启动后生效。</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>核对中…</translation>
    </message>
</context>
<context>
    <name>ReconcileDialog</name>
    <message>
        <source>Matched</source>
        <translation>相符</translation>
    </message>
    <message>
        <source>Missing here</source>
        <translation>本机缺少</translation>
    </message>
    <message>
        <source>Missing at QFPay</source>
        <translation>QFPay 缺少</translation>
    </message>
    <message>
        <source>Differs</source>
        <translation>不相符</translation>
    </message>
    <message>
        <source>Check with QFPay</source>
        <translation>与 QFPay 核对</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Settle open ones through recovery</source>
        <translation>以恢复程序处理未完成的交易</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>In the journal</source>
        <translation>日志记录</translation>
    </message>
    <message>
        <source>At QFPay</source>
        <translation>QFPay 记录</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>汇出 CSV…</translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation>关闭 [Esc]</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Asking QFPay…</source>
        <translation>正在查询 QFPay…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported.</source>
        <translation>
            <numerusform>已汇出 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Matched %1, missing here %2, missing at QFPay %3, differing %4.</source>
        <translation>相符 %1，本机缺少 %2，QFPay 缺少 %3，不相符 %4。</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund (manager)</source>
        <extracomment>``(orig syssn, txamt, manager name, PIN) -&gt; Outcome``; blocking, run on the worker. The engine checks the PIN (``ManagerStore``) and raises ``ManagerAuthError`` when it is wrong. ``syssn -&gt; Original``: the engine&apos;s lookup (journal, else gateway); blocking, on the worker.</extracomment>
        <translation>退款（经理）</translation>
    </message>
    <message>
        <source>Type or scan the receipt&apos;s QFPay number</source>
        <translation>输入或扫描收据上的 QFPay 交易编号</translation>
    </message>
    <message>
        <source>Find [Enter]</source>
        <translation>查找 [Enter]</translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Full refund…</source>
        <translation>全额退款…</translation>
    </message>
    <message>
        <source>Refund [Ctrl+Enter]</source>
        <translation>退款 [Ctrl+Enter]</translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation>关闭 [Esc]</translation>
    </message>
    <message>
        <source>QFPay number (syssn)</source>
        <translation>QFPay 交易编号 (syssn)</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>金额 (%1)</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>经理密码</translation>
    </message>
    <message>
        <source>Choose the manager</source>
        <translation>选择经理</translation>
    </message>
    <message>
        <source>No manager is set up</source>
        <translation>尚未设置经理</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>正在查找 %1…</translation>
    </message>
    <message>
        <source>No paid sale with this number was found, here or at QFPay.</source>
        <translation>在本机及 QFPay 都找不到这个编号的已付款交易。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 — still refundable: %4</source>
        <translation>%1 · %2 · %3 — 尚可退款：%4</translation>
    </message>
    <message>
        <source>Nothing left to refund on this sale.</source>
        <translation>这笔交易已没有可退款的金额。</translation>
    </message>
    <message>
        <source>Full refund</source>
        <translation>全额退款</translation>
    </message>
    <message>
        <source>Refund everything left: %1?</source>
        <translation>退回全部余额：%1？</translation>
    </message>
    <message>
        <source>Key the amount to refund, or choose Full refund for everything left.</source>
        <translation>请输入退款金额，或选择“全额退款”退回全部余额。</translation>
    </message>
    <message>
        <source>At most %1 can be refunded.</source>
        <translation>最多可退款 %1。</translation>
    </message>
    <message>
        <source>Choose the manager who authorises the refund.</source>
        <translation>请选择批准此退款的经理。</translation>
    </message>
    <message>
        <source>Refunding… do not close the till.</source>
        <translation>退款处理中… 请勿关闭收银机。</translation>
    </message>
    <message>
        <source>REFUNDED %1 (refund number %2)</source>
        <translation>已退款 %1（退款编号 %2）</translation>
    </message>
    <message>
        <source>NOT REFUNDED (%1). %2</source>
        <translation>未退款（%1）。%2</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Day reports</source>
        <translation>日结报表</translation>
    </message>
    <message>
        <source>All cashiers</source>
        <translation>所有收银员</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>Show Z report</source>
        <translation>显示 Z 报表</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Z number</source>
        <translation>Z 编号</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Close the day (Z)</source>
        <translation>日结 (Z)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>汇出 CSV…</translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation>关闭 [Esc]</translation>
    </message>
    <message>
        <source>There is no Z report with that number.</source>
        <translation>没有此编号的 Z 报表。</translation>
    </message>
    <message>
        <source>Z report %1: the day is closed.</source>
        <translation>Z 报表 %1：当日已结算。</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s) not settled: see below.</source>
        <translation>
            <numerusform>%n 笔交易未完成：请看下方。</numerusform>
        </translation>
    </message>
    <message>
        <source>All transactions settled.</source>
        <translation>所有交易均已完成。</translation>
    </message>
    <message>
        <source>A manager&apos;s name and PIN close the day.</source>
        <translation>须由经理输入名称及密码进行日结。</translation>
    </message>
    <message>
        <source>Day closed. Sales from now on belong to the next day.</source>
        <translation>已日结。此后的销售计入下一日。</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
    <message>
        <source>Exported.</source>
        <translation>已汇出。</translation>
    </message>
</context>
<context>
    <name>SaleController</name>
    <message>
        <source>Sending the payment to the customer&apos;s wallet…</source>
        <extracomment>The last exchange with the gateway broke and none has worked since. A broken exchange was reported since the engine&apos;s last &quot;waiting&quot; event. Why the engine is cancelling (its reason, as journaled), once it is.</extracomment>
        <translation>正在将付款传送到顾客的电子钱包…</translation>
    </message>
    <message>
        <source>Asking QFPay for a QR code…</source>
        <translation>正在向 QFPay 索取二维码…</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>CANCELLING</source>
        <translation>取消中</translation>
    </message>
    <message>
        <source>Undoing the payment with the wallet. %1</source>
        <translation>正在与电子钱包撤销付款。%1</translation>
    </message>
    <message>
        <source>Please wait: the till makes sure nothing is charged.</source>
        <translation>请稍候：收银机正在确保没有扣款。</translation>
    </message>
    <message>
        <source>About %1 s more: the till makes sure nothing is charged.</source>
        <translation>还需约 %1 秒：收银机正在确保没有扣款。</translation>
    </message>
    <message>
        <source>Waiting for the customer to scan and pay with %1…</source>
        <translation>等待顾客用 %1 扫码付款…</translation>
    </message>
    <message>
        <source>Waiting for the customer to confirm in their wallet…</source>
        <translation>等待顾客在钱包中确认…</translation>
    </message>
    <message>
        <source>NO ANSWER FROM QFPAY</source>
        <translation>QFPAY 没有响应</translation>
    </message>
    <message>
        <source>Check the network (cable, Wi-Fi, router). Do not take the payment another way yet: the till finds out whether it went through.</source>
        <translation>请检查网络（网线、Wi-Fi、路由器）。暂时不要以其他方式收款：收银机会查明这笔付款是否成功。</translation>
    </message>
    <message>
        <source>The QR code expired: closing the order…</source>
        <translation>二维码已过期：正在关闭订单…</translation>
    </message>
    <message>
        <source>NOT SENT</source>
        <translation>未送出</translation>
    </message>
    <message>
        <source>Nothing was charged. Press Enter and try again.</source>
        <translation>没有扣款。请按 Enter 再试。</translation>
    </message>
    <message>
        <source>NEEDS ATTENTION</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>The payment may or may not have gone through; the till will check it. Do not take the payment again before the history shows it.</source>
        <translation>未能确定付款是否成功；收银机会自动核实。在交易记录显示结果前，请勿再次收款。</translation>
    </message>
    <message>
        <source>QFPay number %1</source>
        <translation>QFPay 交易编号 %1</translation>
    </message>
    <message>
        <source>PAID</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Press Enter for the next sale.</source>
        <translation>按 Enter 开始下一单。</translation>
    </message>
    <message>
        <source>DECLINED</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Nothing was charged. Ask for another code and scan it to try again, or press Enter for a new sale.</source>
        <translation>没有扣款。请顾客出示另一个付款码并重新扫描，或按 Enter 开始新交易。</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Nothing was charged. Scan a customer code to try again, or press Enter for a new sale.</source>
        <translation>没有扣款。请扫描顾客付款码再试，或按 Enter 开始新交易。</translation>
    </message>
    <message>
        <source>Do not take this payment again. The till keeps checking it; see the history (Ctrl+H) or call a manager.</source>
        <translation>请勿再次收取这笔款项。收银机会继续核实；请查看交易记录 (Ctrl+H) 或联络经理。</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Goods / note (optional, Ctrl+G)</source>
        <extracomment>A sale above this (minor units; 0: no limit) goes out only after a second Enter.</extracomment>
        <translation>货品／备注（选填，Ctrl+G）</translation>
    </message>
    <message>
        <source>Scan customer code
(scan now)</source>
        <translation>扫描顾客付款码
（请立即扫描）</translation>
    </message>
    <message>
        <source>Cancel [Esc]</source>
        <translation>取消 [Esc]</translation>
    </message>
    <message>
        <source>New sale [Enter]</source>
        <translation>新交易 [Enter]</translation>
    </message>
    <message>
        <source>Press Esc to cancel.</source>
        <translation>按 Esc 取消。</translation>
    </message>
    <message>
        <source>%1 s left. Press Esc to cancel.</source>
        <translation>尚余 %1 秒。按 Esc 取消。</translation>
    </message>
    <message>
        <source>Time is up: checking with QFPay whether the customer paid…</source>
        <translation>时间已到：正在向 QFPay 核实顾客是否已付款…</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>No more digits: that is the longest amount the till takes.</source>
        <translation>不能再输入数字：已达收银机接受的最长金额。</translation>
    </message>
    <message>
        <source>Key the amount first (more than zero).</source>
        <translation>请先输入金额（必须大于零）。</translation>
    </message>
    <message>
        <source>%1 is more than %2. Check it, then press Enter again to confirm.</source>
        <translation>%1 超过 %2。请核对金额，然后再按一次 Enter 确认。</translation>
    </message>
    <message>
        <source>Key the amount in cents (1234 = 12.34), then Enter or scan.</source>
        <translation>以“分”输入金额（1234 = 12.34），然后按 Enter 或扫描。</translation>
    </message>
    <message>
        <source>Key the amount, then press Enter or scan.</source>
        <translation>输入金额，然后按 Enter 或扫描。</translation>
    </message>
    <message>
        <source>Scan customer code
(key the amount, then scan)</source>
        <translation>扫描顾客付款码
（输入金额后扫描）</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s code now
(or press a wallet key)</source>
        <translation>请立即扫描顾客付款码
（或按钱包键）</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s code now, or press a wallet key (F1…F%1). Esc: back.</source>
        <translation>请立即扫描顾客付款码，或按钱包键 (F1…F%1)。Esc：返回。</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s code now. Esc: back.</source>
        <translation>请立即扫描顾客付款码。Esc：返回。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Settings file</source>
        <extracomment>Environment variables that move the config and data directories (tests, kiosks).</extracomment>
        <translation>设置文件</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Export diagnostics to</source>
        <translation>汇出诊断资料至</translation>
    </message>
    <message>
        <source>Diagnostics not written</source>
        <translation>未能写入诊断资料</translation>
    </message>
    <message>
        <source>Diagnostics written</source>
        <translation>已写入诊断资料</translation>
    </message>
    <message>
        <source>Send this file to support:
%1</source>
        <translation>请将此文件发送给客户支持：
%1</translation>
    </message>
    <message>
        <source>Export diagnostics…</source>
        <translation>汇出诊断资料…</translation>
    </message>
    <message>
        <source>Settings are available once the till has started.</source>
        <translation>收银机启动后才可使用设置。</translation>
    </message>
    <message>
        <source>Settings saved. Restart the till to use them: language, printer, scanner, network and wallets change only after a restart. New cashier PINs are asked from the next start of a shift.</source>
        <translation>设置已保存。请重新启动收银机以使用新设置：语言、打印机、扫描器、网络及钱包要重新启动后才会改变。新的收银员密码会在下一次开班时要求输入。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up the till</source>
        <extracomment>The wizard&apos;s height when the screen allows it: the devices page in Chinese needs no scroll. Room kept for a window manager&apos;s title bar, which the available area does not subtract. The manager who opened the settings dialog with their PIN (F10); approves the managers added and the cashier PINs set on the staff page. None in the first run. Why the last Finish was refused (also shown in a message box).</extracomment>
        <translation>设置收银机</translation>
    </message>
    <message>
        <source>Till settings</source>
        <translation>收银机设置</translation>
    </message>
    <message>
        <source>Enter the app code and the client key first.</source>
        <translation>请先输入 App code 及客户密钥。</translation>
    </message>
    <message>
        <source>A manager approves cashier PINs: enter a manager on this page.</source>
        <translation>收银员密码需由经理批准：请在此页输入一位经理。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <source>Your shop</source>
        <extracomment>Each language in its own script, so a reader of that language finds it.</extracomment>
        <translation>你的店铺</translation>
    </message>
    <message>
        <source>Printed at the top and bottom of every receipt.</source>
        <translation>会印在每张收据的顶部和底部。</translation>
    </message>
    <message>
        <source>e.g. Lucky Tea House</source>
        <translation>例如：好运茶楼</translation>
    </message>
    <message>
        <source>e.g. Thank you, see you soon!</source>
        <translation>例如：谢谢惠顾，欢迎再来！</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>店名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Receipt footer</source>
        <translation>收据结尾</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Manager and cashiers</source>
        <translation>经理及收银员</translation>
    </message>
    <message>
        <source>Managers approve refunds and open these settings with a PIN.</source>
        <translation>经理以密码批准退款及开启这些设置。</translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation>4 至 8 位数字</translation>
    </message>
    <message>
        <source>one name per line, e.g.
Ann
Ben</source>
        <translation>每行一个名字，例如：
阿珊
阿邦</translation>
    </message>
    <message>
        <source>6 to 12 digits, or a passphrase</source>
        <translation>6 至 12 位数字，或一个密码短语</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Manager name</source>
        <translation>经理名称</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再输入密码</translation>
    </message>
    <message>
        <source>Cashiers</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Cashier PIN (optional)</source>
        <translation>收银员密码（可选）</translation>
    </message>
    <message numerus="yes">
        <source>This till has %n manager(s). Add another here, or leave it empty.</source>
        <translation>
            <numerusform>此收银机已有 %n 位经理。可在此新增，或留空。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the first manager. Keep the PIN secret; it cannot be shown again.</source>
        <translation>请设置第一位经理。密码请保密；之后不会再显示。</translation>
    </message>
    <message>
        <source>Add the cashier&apos;s name above first.</source>
        <translation>请先在上面添加收银员的名字。</translation>
    </message>
    <message>
        <source>New PIN for %1 is stored when you save (a manager approves it).</source>
        <translation>%1 的新密码会在保存时记录（由经理批准）。</translation>
    </message>
    <message>
        <source>A till taking real money needs a manager: enter a name.</source>
        <translation>收取真实款项的收银机必须有经理：请输入名称。</translation>
    </message>
    <message>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation>两次输入的密码不同：请输入相同的密码两次。</translation>
    </message>
</context>
<context>
    <name>TillPage</name>
    <message>
        <source>This till</source>
        <translation>这部收银机</translation>
    </message>
    <message>
        <source>The till&apos;s name appears in the QFPay merchant portal beside each payment.</source>
        <translation>收银机名称会在 QFPay 商户平台的每笔付款旁显示。</translation>
    </message>
    <message>
        <source>e.g. Counter 1</source>
        <translation>例如：1 号柜台</translation>
    </message>
    <message>
        <source>This computer&apos;s time zone (now %1)</source>
        <translation>这部电脑的时区（现在为 %1）</translation>
    </message>
    <message>
        <source>Not sent (QFPay assumes UTC+8)</source>
        <translation>不传送（QFPay 默认 UTC+8）</translation>
    </message>
    <message>
        <source>Keys are cents: typing 1 2 3 4 means 12.34</source>
        <translation>按键以「分」计：输入 1 2 3 4 即 12.34</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不设上限</translation>
    </message>
    <message>
        <source>Till name</source>
        <translation>收银机名称</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>Wallets</source>
        <translation>钱包</translation>
    </message>
    <message>
        <source>Largest sale</source>
        <translation>单笔上限</translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <source>Scanner: keyboard</source>
        <translation>扫描器：键盘模式</translation>
    </message>
    <message>
        <source>TRAINING — no real money</source>
        <translation>培训 — 非真实款项</translation>
    </message>
    <message>
        <source>Gateway: checking…</source>
        <translation>网关：检查中…</translation>
    </message>
    <message>
        <source>Gateway: online</source>
        <translation>网关：在线</translation>
    </message>
    <message>
        <source>Gateway: NOT REACHABLE</source>
        <translation>网关：无法连接</translation>
    </message>
    <message>
        <source>Till %1</source>
        <translation>收银机 %1</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>收银员：%1</translation>
    </message>
    <message>
        <source>Recovery: looking…</source>
        <translation>恢复：检查中…</translation>
    </message>
    <message numerus="yes">
        <source>Recovering %n transaction(s)</source>
        <translation>
            <numerusform>正在恢复 %n 笔交易</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to recover</source>
        <translation>没有待恢复交易</translation>
    </message>
    <message>
        <source>Proxy: %1</source>
        <translation>代理服务器：%1</translation>
    </message>
    <message>
        <source>Own CA bundle</source>
        <translation>自定义 CA 证书</translation>
    </message>
</context>
<context>
    <name>TrainingCodes</name>
    <message>
        <source>any other</source>
        <extracomment>Between the digits and what they do: a wrapped line never parts &quot;62&quot; from &quot;UnionPay&quot;.</extracomment>
        <translation>其他</translation>
    </message>
    <message>
        <source>any other: no wallet named</source>
        <translation>其他：不注明钱包</translation>
    </message>
    <message>
        <source>Training codes (last four digits): %1</source>
        <translation>培训付款码（最后四位数字）：%1</translation>
    </message>
    <message>
        <source>Generic code (%1), wallet by the first two digits: %2</source>
        <translation>通用付款码（%1），按前两位数字区分钱包：%2</translation>
    </message>
</context>
<context>
    <name>TrainingWallet</name>
    <message>
        <source>paid at once</source>
        <extracomment>respcd of the payment answer. respcd the order reaches once the pending enquiries are used up (&quot;&quot; = never). whether the enquiry counter applies (False: stays in progress until cancelled).</extracomment>
        <translation>即时付款</translation>
    </message>
    <message>
        <source>customer enters the password</source>
        <translation>顾客输入密码</translation>
    </message>
    <message>
        <source>wallet is processing</source>
        <translation>钱包处理中</translation>
    </message>
    <message>
        <source>insufficient balance</source>
        <translation>余额不足</translation>
    </message>
    <message>
        <source>incorrect or expired code</source>
        <translation>付款码错误或已过期</translation>
    </message>
    <message>
        <source>payment code expired</source>
        <translation>付款码已过期</translation>
    </message>
    <message>
        <source>never answers</source>
        <translation>永不回应</translation>
    </message>
    <message>
        <source>waiting for the customer to scan</source>
        <extracomment>MPM orders wait for a simulated scan rather than for enquiries.</extracomment>
        <translation>等待顾客扫码</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The till cannot start</source>
        <translation>收银机无法启动</translation>
    </message>
    <message>
        <source>The till stopped</source>
        <translation>收银机已停止</translation>
    </message>
</context>
<context>
    <name>authcode</name>
    <message>
        <source>That was not a payment code.</source>
        <translation>这不是付款码。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>the two PINs differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <source>only a manager can do this: name the approving manager with --by NAME</source>
        <translation>只有经理可以执行此操作：请用 --by NAME 指明批准的经理</translation>
    </message>
    <message>
        <source>Training mode uses built-in credentials; nothing to store.</source>
        <translation>培训模式使用内置凭证，无需保存。</translation>
    </message>
    <message>
        <source>The till window is not available in this installation</source>
        <extracomment>Commands implemented in :mod:`pos_app.cli.manage` (history, reports, notes, checks). Commands that may send money requests: an unexpected error there may leave one in flight. A log record carrying this attribute goes to ``till.log`` only.</extracomment>
        <translation>此安装版本没有收银机视窗</translation>
    </message>
    <message>
        <source>Storage problem</source>
        <translation>存储问题</translation>
    </message>
    <message>
        <source>Input too large or too deeply nested</source>
        <translation>输入内容过大或层级过深</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>A payment or refund may be in flight: run &apos;qfpay-pos recover&apos;.</source>
        <translation>可能有付款或退款仍在处理中：请运行 &apos;qfpay-pos recover&apos;。</translation>
    </message>
    <message>
        <source>(details in till.log)</source>
        <translation>（详情见 till.log）</translation>
    </message>
    <message>
        <source>Interrupted before anything was sent.</source>
        <translation>在传送任何资料前已中断。</translation>
    </message>
    <message>
        <source>Input ended before it was complete.</source>
        <translation>输入未完成便已结束。</translation>
    </message>
    <message>
        <source>Cancelling: waiting for the gateway to confirm...</source>
        <extracomment>Longest amount text worth parsing: TXAMT_MAX has 11 digits; anything longer is a typo. &quot;Not found&quot; is not a decline: right after a request it proves nothing (exit 4).</extracomment>
        <translation>取消中：等待网关确认...</translation>
    </message>
    <message>
        <source>Cancelled before the payment was sent.</source>
        <translation>付款发送前已取消。</translation>
    </message>
    <message>
        <source>Settings file:</source>
        <translation>设置文件：</translation>
    </message>
    <message>
        <source>(nothing was changed)</source>
        <translation>（没有任何更改）</translation>
    </message>
    <message>
        <source>Training mode uses the built-in gateway; testing its connection.</source>
        <translation>训练模式使用内置闸道；正在测试其连线。</translation>
    </message>
    <message>
        <source>Diagnostics written to</source>
        <translation>诊断资料已写入</translation>
    </message>
    <message>
        <source>give --date or --from/--to, not both</source>
        <translation>请只提供 --date 或 --from/--to 其中之一</translation>
    </message>
    <message>
        <source>--to is before --from</source>
        <translation>--to 早于 --from</translation>
    </message>
    <message>
        <source>there is no Z report with that number</source>
        <translation>没有此编号的 Z 报表</translation>
    </message>
    <message>
        <source>a Z report covers the whole day</source>
        <translation>Z 报表涵盖整日</translation>
    </message>
    <message>
        <source>--z needs --manager NAME (and the PIN)</source>
        <translation>--z 需要 --manager NAME（及密码）</translation>
    </message>
    <message>
        <source>QFPay serves statements only in production; the sandbox and test hosts do not. The file is saved as QFPay sends it (its columns are not documented).</source>
        <translation>QFPay 只在正式环境提供对账单；沙盒及测试主机不提供。文件按 QFPay 发送的原样保存（其栏位没有文件说明）。</translation>
    </message>
    <message>
        <source>No head office: give --database or run &apos;qfpay-pos settings set chain.database postgresql://user@host/db&apos;</source>
        <translation>未设置总部：请提供 --database，或运行 &apos;qfpay-pos settings set chain.database postgresql://user@host/db&apos;</translation>
    </message>
    <message>
        <source>there is no cashier called {name} (see: cashier list)</source>
        <translation>没有名叫 {name} 的收银员（见：cashier list）</translation>
    </message>
    <message>
        <source>there is already a cashier called {name}</source>
        <translation>已经有一位名叫 {name} 的收银员</translation>
    </message>
</context>
<context>
    <name>currencies</name>
    <message>
        <source>UAE Dirham</source>
        <extracomment>The gateway&apos;s documented field is Int(11): at most eleven digits.</extracomment>
        <translation>阿联酋迪拉姆</translation>
    </message>
    <message>
        <source>Australian Dollar</source>
        <translation>澳元</translation>
    </message>
    <message>
        <source>Canadian Dollar</source>
        <translation>加元</translation>
    </message>
    <message>
        <source>Chinese Yuan</source>
        <translation>人民币</translation>
    </message>
    <message>
        <source>Euro</source>
        <translation>欧元</translation>
    </message>
    <message>
        <source>Hong Kong Dollar</source>
        <translation>港元</translation>
    </message>
    <message>
        <source>Indonesian Rupiah</source>
        <translation>印尼盾</translation>
    </message>
    <message>
        <source>Japanese Yen</source>
        <translation>日圆</translation>
    </message>
    <message>
        <source>Myanmar Kyat</source>
        <translation>缅甸元</translation>
    </message>
    <message>
        <source>Malaysian Ringgit</source>
        <translation>马来西亚令吉</translation>
    </message>
    <message>
        <source>Singapore Dollar</source>
        <translation>新加坡元</translation>
    </message>
    <message>
        <source>Thai Baht</source>
        <translation>泰铢</translation>
    </message>
    <message>
        <source>US Dollar</source>
        <translation>美元</translation>
    </message>
</context>
<context>
    <name>day_report</name>
    <message>
        <source>X REPORT (day not closed)</source>
        <translation>X 报表（未日结）</translation>
    </message>
    <message>
        <source>Z REPORT {number} - DAY CLOSED</source>
        <translation>Z 报表 {number} - 已日结</translation>
    </message>
    <message>
        <source>From</source>
        <translation>由</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结算时间</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收银机</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>结算人</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>更次</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>NOT SETTLED - finish before closing:</source>
        <translation>未完成 - 日结前请先处理：</translation>
    </message>
    <message>
        <source>No payments</source>
        <translation>没有收款</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>钱包</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Reversals (not charged)</source>
        <translation>撤销（未收费）</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>NEEDS ATTENTION - call a manager:</source>
        <translation>需要处理 - 请找经理：</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>The receipt could not be printed. Check the printer, then reprint from history.</source>
        <translation>未能打印收据。请检查打印机，然后在交易记录中重印。</translation>
    </message>
    <message>
        <source>Scanner connected</source>
        <extracomment>A line longer than this is noise (wrong baud rate, a stuck device), not a code. Cashier-facing words for each state; the UI translates them, ``detail`` stays technical.</extracomment>
        <translation>扫描器已连接</translation>
    </message>
    <message>
        <source>Scanner disconnected</source>
        <translation>扫描器已断开</translation>
    </message>
    <message>
        <source>Scanner not available</source>
        <translation>扫描器无法使用</translation>
    </message>
    <message>
        <source>Scanner off</source>
        <translation>扫描器已关闭</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>Cancelled by the cashier.</source>
        <extracomment>Answers to a reversal/close meaning &quot;too late, the order is paid&quot;: proof of payment. Answers to a reversal/close meaning &quot;no such order&quot;. Enquiry records are searched this far either side of the journal&apos;s creation time, so a sale journaled at 23:59 on a month&apos;s last day is still found if the gateway filed it on the 1st (its clock may differ from the till&apos;s). 001 ignores the window when the order number is given, but a window that is sent must lie within one calendar month, so near a month end it is split in two (see ``EngineCore.query_windows``).</extracomment>
        <translation>已由收银员取消。</translation>
    </message>
    <message>
        <source>The customer did not finish paying in time.</source>
        <translation>顾客未能在时限内完成付款。</translation>
    </message>
    <message>
        <source>Paid then reversed: the money went back to the customer.</source>
        <translation>付款后已撤销：款项已退回顾客。</translation>
    </message>
    <message>
        <source>The order never reached the gateway; nothing was charged.</source>
        <translation>订单未有送达网关；没有扣款。</translation>
    </message>
    <message>
        <source>Possible double charge: the gateway shows {count} payments ({syssns}). A manager must check and refund one.</source>
        <translation>可能重复收款：网关显示有 {count} 笔付款（{syssns}）。经理必须核实并退回其中一笔。</translation>
    </message>
    <message>
        <source>The cancellation is not confirmed yet; the till keeps checking. Do not hand over goods.</source>
        <translation>取消尚未确认；收银机会继续核实。请勿交出货品。</translation>
    </message>
    <message>
        <source>Cannot reach QFPay (network?). The till keeps trying; keep the customer here.</source>
        <extracomment>Progress message (never a final reason): an exchange with the gateway broke. The UI shows it instead of &quot;waiting for the customer&quot;, so an outage never looks like a slow customer.</extracomment>
        <translation>无法连接 QFPay（网络问题？）。收银机会继续尝试；请顾客稍等。</translation>
    </message>
    <message>
        <source>QFPay shows no record of this payment yet. The till finishes the cancellation once it can no longer arrive there. Do not hand over goods.</source>
        <extracomment>Progress message: the cancel waits until the payment can no longer reach QFPay.</extracomment>
        <translation>QFPay 暂时没有这笔付款的记录。待这笔付款不可能再到达 QFPay，收银机便会完成取消。请勿交出货品。</translation>
    </message>
    <message>
        <source>Payment successful.</source>
        <translation>付款成功。</translation>
    </message>
    <message>
        <source>Refund successful.</source>
        <translation>退款成功。</translation>
    </message>
    <message>
        <source>The customer paid before the cancellation arrived: the sale is paid.</source>
        <translation>顾客在取消生效前已付款：这笔交易已付款。</translation>
    </message>
    <message>
        <source>The gateway keeps answering with another amount or currency for this order: a manager must check it in the merchant portal.</source>
        <translation>支付网关对这张订单一直回复不同的金额或货币：经理必须在商户平台核对。</translation>
    </message>
    <message>
        <source>The gateway&apos;s answers disagree (the cancellation was refused as already paid, while the enquiry shows the order cancelled or failed): a manager must check this sale in the merchant portal.</source>
        <translation>支付网关的回复互相矛盾（取消被拒并称已付款，但查询显示订单已取消或失败）：经理必须在商户平台核查这笔交易。</translation>
    </message>
    <message>
        <source>Nothing was sent or processed: {error}</source>
        <translation>没有发送或处理任何请求：{error}</translation>
    </message>
    <message>
        <source>This sale is already paid.</source>
        <translation>这笔交易已付款。</translation>
    </message>
    <message>
        <source>The gateway did not send a QR code; the order was closed. Try again.</source>
        <translation>网关没有传回二维码；订单已关闭。请再试。</translation>
    </message>
    <message>
        <source>No such transaction.</source>
        <translation>没有这笔交易。</translation>
    </message>
    <message>
        <source>The previous attempt of this sale is still being checked; wait for it before taking another payment.</source>
        <translation>这笔交易的上一次尝试仍在核实中；请等待结果，然后才再次收款。</translation>
    </message>
    <message>
        <source>An earlier payment is still not settled; the till cannot take a new payment until it is. Run recovery (or wait), then try again.</source>
        <translation>较早一笔付款仍未确定结果；确定之前收银机不能接受新付款。请运行恢复（或稍候），然后再试。</translation>
    </message>
    <message>
        <source>An earlier payment for the same amount was just found PAID: the customer may have paid already. Check before charging again; nothing was sent.</source>
        <extracomment>The ``RecoveryReport`` of the settling run that failed (set by the engine).</extracomment>
        <translation>刚发现较早一笔相同金额的付款已成功：顾客可能已经付款。再次收款前请先核对；本次没有发送任何请求。</translation>
    </message>
    <message>
        <source>The journal file cannot be opened: {error}</source>
        <extracomment>The pay type the gateway&apos;s answer named (the actual wallet behind a generic CPM code); None until an answer that is evidence for this order names one. Until when the request that opened this row may still be with the gateway: wall clock, and the monotonic clock of the boot that sent it (``engine.in_flight``). None: an older till&apos;s row. A new row, every column given (``create`` builds the record from the same tuple). A row&apos;s state and its claim, read once inside the transaction that moves it. A move, returning the new row (``RETURNING``: no second read in the payment&apos;s path). The non-final states, in the words of the partial index ``transactions_open`` (schema step 7: OR terms, not ``IN``, which costs every write a throwaway table). Parenthesised, so callers may append ``AND ...``. This open journal&apos;s claims on transactions (``label`` names it in refusals).</extracomment>
        <translation>无法开启交易日志文件：{error}</translation>
    </message>
    <message>
        <source>The journal file is not a till journal or is damaged ({error}); keep it for support and do not delete it.</source>
        <translation>交易日志文件不是收银机日志或已损坏（{error}）；请保留文件交技术支援处理，切勿删除。</translation>
    </message>
    <message>
        <source>The journal was written by a newer version of the till.</source>
        <translation>交易日志由较新版本的收银机写入。</translation>
    </message>
    <message>
        <source>A PIN is 6 to 12 digits, or a passphrase of 10 to 128 characters.</source>
        <extracomment>PIN rules: at least 6 digits (a million values), or a passphrase.</extracomment>
        <translation>密码为 6 至 12 位数字，或 10 至 128 个字符的密码短语。</translation>
    </message>
    <message>
        <source>Wrong manager name or PIN.</source>
        <translation>经理名称或密码错误。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: manager {name} is locked for {duration} (until {until}). Another manager can lift the lock now (manager unlock), or wait until then.</source>
        <translation>密码错误次数太多：经理 {name} 已被锁定 {duration}（直至 {until}）。另一位经理可以立即解锁（manager unlock），或等到该时间。</translation>
    </message>
    <message>
        <source>Only a manager can do this: give an existing manager&apos;s name and PIN.</source>
        <translation>只有经理可以执行此操作：请输入现有经理的名称及密码。</translation>
    </message>
    <message>
        <source>There is already a manager called {name}; change their PIN instead.</source>
        <translation>已有名为 {name} 的经理；请改为更改其密码。</translation>
    </message>
    <message>
        <source>There is no manager called {name}.</source>
        <translation>没有名为 {name} 的经理。</translation>
    </message>
    <message>
        <source>The last manager cannot be removed.</source>
        <translation>不能删除最后一位经理。</translation>
    </message>
    <message>
        <source>Closed by recovery: the sale was interrupted.</source>
        <translation>已由恢复程序关闭：交易曾被中断。</translation>
    </message>
    <message>
        <source>Possible double charge: an interrupted sale was paid, and a later sale for the same amount was paid too. A manager must check both and refund one if needed.</source>
        <translation>可能重复收款：一笔中断的交易已付款，之后另一笔相同金额的交易也已付款。经理必须核对两笔交易，如有需要退回其中一笔。</translation>
    </message>
    <message>
        <source>No paid payment with that transaction number.</source>
        <translation>没有这个交易编号的已付款交易。</translation>
    </message>
    <message>
        <source>The original payment could not be looked up now. Try again.</source>
        <translation>暂时无法查找原付款。请再试。</translation>
    </message>
    <message>
        <source>Payments of this type cannot be refunded.</source>
        <translation>这类付款不能退款。</translation>
    </message>
    <message>
        <source>At most {remaining} (minor units) can still be refunded.</source>
        <translation>最多尚可退款 {remaining}（最小货币单位）。</translation>
    </message>
    <message>
        <source>The refund result is not known yet; the till keeps checking. Do not refund again.</source>
        <translation>退款结果尚未确定；收银机会继续核实。请勿再次退款。</translation>
    </message>
    <message>
        <source>The gateway has not shown this refund for a long time; its amount stays held back. A manager must check it in the merchant portal.</source>
        <translation>支付网关很久都未显示这笔退款；其金额继续保留。经理必须在商户平台核对。</translation>
    </message>
    <message>
        <source>The original payment is in {currency}; enter the refund amount in {currency}.</source>
        <translation>原付款以 {currency} 结算；请以 {currency} 输入退款金额。</translation>
    </message>
    <message>
        <source>The day cannot be closed while transactions are still open: let recovery finish them first.</source>
        <translation>仍有未完成的交易，不能日结：请先让恢复程序完成这些交易。</translation>
    </message>
    <message>
        <source>The note is empty.</source>
        <translation>备注是空的。</translation>
    </message>
    <message>
        <source>A note may be at most 200 characters long.</source>
        <translation>备注最多 200 个字元。</translation>
    </message>
    <message>
        <source>This till has no transaction with that QFPay number.</source>
        <translation>此收银机没有该 QFPay 编号的交易。</translation>
    </message>
    <message>
        <source>The {what} is empty.</source>
        <extracomment>Unicode categories refused anywhere in a name: controls (incl. ESC), format characters (bidi overrides, zero-width joiners), separators other than the plain space, unassigned.</extracomment>
        <translation>{what}是空白的。</translation>
    </message>
    <message>
        <source>The {what} is longer than {limit} characters.</source>
        <translation>{what}超过 {limit} 个字符。</translation>
    </message>
    <message>
        <source>The {what} contains control characters or invisible formatting; type it again.</source>
        <translation>{what}含有控制字符或隐藏格式；请重新输入。</translation>
    </message>
    <message>
        <source>Another till process is working on this transaction: {owner}. Leave it to it.</source>
        <extracomment>How long a claim stays valid without renewal; renewed every LEASE_SECONDS / 4.</extracomment>
        <translation>另一个收银程序正在处理此交易：{owner}。请交由它处理。</translation>
    </message>
    <message>
        <source>Another till process took this transaction over ({owner}); its outcome is what that process finds. Check it with &apos;recover&apos; or in the history.</source>
        <translation>另一个收银程序已接手此交易（{owner}）；结果以该程序查到的为准。请用「recover」或在记录中查看。</translation>
    </message>
    <message>
        <source>The journal {path} is damaged ({detail}). The till stopped so that nothing is lost. Keep this file for support; do not delete it. To continue: close every till window and command, copy the newest file from {backups} in its place (after moving the damaged one aside), start the till and run &apos;recover&apos;.</source>
        <extracomment>A journal is backed up at start when its newest backup is older than this.</extracomment>
        <translation>交易日志 {path} 已损坏（{detail}）。收银机已停止，以免遗失任何资料。请保留此文件供支持人员查看，切勿删除。如要继续：关闭所有收银窗口及指令，把损坏的文件移开，再把 {backups} 中最新的文件复制到原位，启动收银机並执行「recover」。</translation>
    </message>
    <message>
        <source>The journal {path} has disappeared or was emptied, although the till created it here. Unfinished sales may be recorded only there. The till will not start a new empty journal: restore it from {backups} (or from your own backup) and run &apos;recover&apos;.</source>
        <translation>交易日志 {path} 已消失或被清空，但收银机曾在此建立它。未完成的交易可能只记录在其中。收银机不会建立新的空白日志：请从 {backups}（或你自己的备份）还原，然后执行「recover」。</translation>
    </message>
    <message>
        <source>The disk holding the journal is full ({path}): free some space.</source>
        <translation>存放交易日志的磁盘已满（{path}）：请腾出空间。</translation>
    </message>
    <message>
        <source>The journal&apos;s storage is read-only ({path}): it must be writable.</source>
        <translation>交易日志的存储设备是只读的（{path}）：必须可以写入。</translation>
    </message>
    <message>
        <source>The journal&apos;s disk failed to read or write ({path}): check the storage.</source>
        <translation>交易日志的磁盘读写失败（{path}）：请检查存储设备。</translation>
    </message>
    <message>
        <source>The journal is held by another till process for too long ({path}); try again.</source>
        <translation>交易日志被另一个收银程序占用太久（{path}）；请再试。</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>没有发送任何资料。</translation>
    </message>
    <message>
        <source>The payment may already be with the gateway: do not take it again. Once the journal is restored, check it with &apos;query&apos; or &apos;recover&apos;.</source>
        <translation>这笔付款可能已送达支付网关：切勿再次收款。交易日志还原后，请用“query”或“recover”核对。</translation>
    </message>
    <message>
        <source>The payment may already be with the gateway: do not take it again. Free the space, then run &apos;recover&apos; to finish it.</source>
        <translation>这笔付款可能已送达支付网关：切勿再次收款。请腾出空间，然后执行「recover」完成它。</translation>
    </message>
    <message>
        <source>A cashier&apos;s PIN is 4 to 8 digits.</source>
        <translation>收银员密码为 4 至 8 位数字。</translation>
    </message>
    <message>
        <source>Wrong PIN for {name}.</source>
        <translation>{name} 的密码错误。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: {name} is locked for {duration} (until {until}). A manager can set a new PIN now (cashier set-pin), or wait until then.</source>
        <translation>密码错误次数太多：{name} 已被锁定 {duration}（直至 {until}）。经理可立即设置新密码（cashier set-pin），或等到该时间。</translation>
    </message>
    <message>
        <source>{name} has no PIN.</source>
        <translation>{name} 没有密码。</translation>
    </message>
    <message>
        <source>This till was held up before the request could leave (the computer was busy or paused), so it was not sent. Nothing was charged or refunded: try again.</source>
        <translation>此收银机在请求发出前被拖延（电脑繁忙或暂停），所以请求没有发出。没有扣款或退款：请重试。</translation>
    </message>
</context>
<context>
    <name>paytypes</name>
    <message>
        <source>Customer shows code: WeChat Pay, Alipay, UnionPay or PayMe</source>
        <extracomment>Card-present types from 002 (Visa/Mastercard, UnionPay card, Amex offline): handled by a card terminal, not by a QR flow, so a till never offers them. Types the reference says do not refund (002: &quot;802001 does not support refunds&quot;). The MPM/online types whose QR expiry can be set (001&apos;s list under ``expired_time``). CPM/MPM codes a counter till must not offer even though they are QR flows.</extracomment>
        <translation>顾客出示付款码：微信支付、支付宝、银联或 PayMe</translation>
    </message>
    <message>
        <source>Alipay, till shows QR code (overseas merchant)</source>
        <translation>支付宝，收银机显示二维码（境外商户）</translation>
    </message>
    <message>
        <source>Alipay service window H5</source>
        <translation>支付宝服务窗 H5</translation>
    </message>
    <message>
        <source>Alipay, customer shows code</source>
        <translation>支付宝，顾客出示付款码</translation>
    </message>
    <message>
        <source>Alipay web payment (overseas)</source>
        <translation>支付宝网页支付（境外）</translation>
    </message>
    <message>
        <source>Alipay WAP payment (overseas)</source>
        <translation>支付宝 WAP 支付（境外）</translation>
    </message>
    <message>
        <source>Alipay in-app payment (overseas)</source>
        <translation>支付宝 App 内支付（境外）</translation>
    </message>
    <message>
        <source>Alipay online WAP payment (overseas)</source>
        <translation>支付宝网上 WAP 支付（境外）</translation>
    </message>
    <message>
        <source>Alipay online QR code payment (overseas)</source>
        <translation>支付宝网上二维码支付（境外）</translation>
    </message>
    <message>
        <source>Alipay HK, till shows QR code</source>
        <translation>支付宝香港，收银机显示二维码</translation>
    </message>
    <message>
        <source>Alipay HK in-app payment</source>
        <translation>支付宝香港 App 内支付</translation>
    </message>
    <message>
        <source>Alipay HK WAP payment</source>
        <translation>支付宝香港 WAP 支付</translation>
    </message>
    <message>
        <source>Alipay HK web payment</source>
        <translation>支付宝香港网页支付</translation>
    </message>
    <message>
        <source>Alipay pre-authorisation, customer shows code</source>
        <translation>支付宝预授权，顾客出示付款码</translation>
    </message>
    <message>
        <source>Alipay pre-authorisation, till shows QR code</source>
        <translation>支付宝预授权，收银机显示二维码</translation>
    </message>
    <message>
        <source>Alipay pre-authorisation in-app</source>
        <translation>支付宝预授权 App 内支付</translation>
    </message>
    <message>
        <source>Alipay pre-authorisation online</source>
        <translation>支付宝预授权网上支付</translation>
    </message>
    <message>
        <source>WeChat Pay, till shows QR code</source>
        <translation>微信支付，收银机显示二维码</translation>
    </message>
    <message>
        <source>WeChat Pay official account (JSAPI)</source>
        <translation>微信支付公众号 (JSAPI)</translation>
    </message>
    <message>
        <source>WeChat Pay, customer shows code</source>
        <translation>微信支付，顾客出示付款码</translation>
    </message>
    <message>
        <source>WeChat Pay in-app payment</source>
        <translation>微信支付 App 内支付</translation>
    </message>
    <message>
        <source>WeChat Pay H5 payment</source>
        <translation>微信支付 H5 支付</translation>
    </message>
    <message>
        <source>WeChat Pay mini-program payment</source>
        <translation>微信支付小程式支付</translation>
    </message>
    <message>
        <source>WeChat Pay HK, customer shows code</source>
        <translation>微信支付香港，顾客出示付款码</translation>
    </message>
    <message>
        <source>WeChat Pay HK in-app payment</source>
        <translation>微信支付香港 App 内支付</translation>
    </message>
    <message>
        <source>UnionPay QuickPass, till shows QR code</source>
        <translation>银联云闪付，收银机显示二维码</translation>
    </message>
    <message>
        <source>UnionPay QuickPass, customer shows code</source>
        <translation>银联云闪付，顾客出示付款码</translation>
    </message>
    <message>
        <source>UnionPay WAP payment (HK)</source>
        <translation>银联 WAP 支付（香港）</translation>
    </message>
    <message>
        <source>UnionPay web payment (HK)</source>
        <translation>银联网页支付（香港）</translation>
    </message>
    <message>
        <source>PayMe, till shows QR code</source>
        <translation>PayMe，收银机显示二维码</translation>
    </message>
    <message>
        <source>PayMe, customer shows code</source>
        <translation>PayMe，顾客出示付款码</translation>
    </message>
    <message>
        <source>PayMe WAP payment</source>
        <translation>PayMe WAP 支付</translation>
    </message>
    <message>
        <source>PayMe web payment</source>
        <translation>PayMe 网页支付</translation>
    </message>
    <message>
        <source>FPS, till shows QR code (no refunds)</source>
        <translation>转数快，收银机显示二维码（不设退款）</translation>
    </message>
    <message>
        <source>Octopus, till shows QR code</source>
        <translation>八达通，收银机显示二维码</translation>
    </message>
    <message>
        <source>Octopus WAP payment</source>
        <translation>八达通 WAP 支付</translation>
    </message>
    <message>
        <source>Octopus web payment</source>
        <translation>八达通网页支付</translation>
    </message>
    <message>
        <source>LINE Pay, customer shows code</source>
        <translation>LINE Pay，顾客出示付款码</translation>
    </message>
    <message>
        <source>LINE Pay online payment</source>
        <translation>LINE Pay 网上支付</translation>
    </message>
    <message>
        <source>AirPay, customer shows code</source>
        <translation>AirPay，顾客出示付款码</translation>
    </message>
    <message>
        <source>AirPay online payment</source>
        <translation>AirPay 网上支付</translation>
    </message>
    <message>
        <source>NETSPay, till shows QR code</source>
        <translation>NETSPay，收银机显示二维码</translation>
    </message>
    <message>
        <source>Origami, customer shows code</source>
        <translation>Origami，顾客出示付款码</translation>
    </message>
    <message>
        <source>PayNow, till shows QR code</source>
        <translation>PayNow，收银机显示二维码</translation>
    </message>
    <message>
        <source>PromptPay, till shows QR code</source>
        <translation>PromptPay，收银机显示二维码</translation>
    </message>
    <message>
        <source>eWallet, till shows QR code</source>
        <translation>eWallet，收银机显示二维码</translation>
    </message>
    <message>
        <source>eWallet, customer shows code</source>
        <translation>eWallet，顾客出示付款码</translation>
    </message>
    <message>
        <source>VIA, till shows QR code</source>
        <translation>VIA，收银机显示二维码</translation>
    </message>
    <message>
        <source>VIA, customer shows code</source>
        <translation>VIA，顾客出示付款码</translation>
    </message>
    <message>
        <source>Touch &apos;n Go, customer shows code</source>
        <translation>Touch &apos;n Go，顾客出示付款码</translation>
    </message>
    <message>
        <source>Touch &apos;n Go online payment</source>
        <translation>Touch &apos;n Go 网上支付</translation>
    </message>
    <message>
        <source>Razer, till shows QR code</source>
        <translation>Razer，收银机显示二维码</translation>
    </message>
    <message>
        <source>Razer, customer shows code</source>
        <translation>Razer，顾客出示付款码</translation>
    </message>
    <message>
        <source>Razer online payment</source>
        <translation>Razer 网上支付</translation>
    </message>
    <message>
        <source>Dash, till shows QR code</source>
        <translation>Dash，收银机显示二维码</translation>
    </message>
    <message>
        <source>Dash, customer shows code</source>
        <translation>Dash，顾客出示付款码</translation>
    </message>
    <message>
        <source>Boost, till shows QR code</source>
        <translation>Boost，收银机显示二维码</translation>
    </message>
    <message>
        <source>Boost, customer shows code</source>
        <translation>Boost，顾客出示付款码</translation>
    </message>
    <message>
        <source>Boost online payment</source>
        <translation>Boost 网上支付</translation>
    </message>
    <message>
        <source>Maybank, till shows QR code</source>
        <translation>Maybank，收银机显示二维码</translation>
    </message>
    <message>
        <source>Maybank, customer shows code</source>
        <translation>Maybank，顾客出示付款码</translation>
    </message>
    <message>
        <source>Maybank online payment</source>
        <translation>Maybank 网上支付</translation>
    </message>
    <message>
        <source>GrabPay, till shows QR code</source>
        <translation>GrabPay，收银机显示二维码</translation>
    </message>
    <message>
        <source>GrabPay, customer shows code (Malaysia)</source>
        <translation>GrabPay，顾客出示付款码（马来西亚）</translation>
    </message>
    <message>
        <source>GrabPay online payment</source>
        <translation>GrabPay 网上支付</translation>
    </message>
    <message>
        <source>TrueMoney, customer shows code</source>
        <translation>TrueMoney，顾客出示付款码</translation>
    </message>
    <message>
        <source>ThaiQR, till shows QR code (Singapore merchant)</source>
        <translation>ThaiQR，收银机显示二维码（新加坡商户）</translation>
    </message>
    <message>
        <source>GoPay, till shows QR code</source>
        <translation>GoPay，收银机显示二维码</translation>
    </message>
    <message>
        <source>GoPay WAP payment</source>
        <translation>GoPay WAP 支付</translation>
    </message>
    <message>
        <source>Visa / Mastercard online</source>
        <translation>Visa / Mastercard 网上支付</translation>
    </message>
    <message>
        <source>Visa / Mastercard card present</source>
        <translation>Visa / Mastercard 实体卡</translation>
    </message>
    <message>
        <source>Apple Pay online</source>
        <translation>Apple Pay 网上支付</translation>
    </message>
    <message>
        <source>UnionPay card present</source>
        <translation>银联实体卡</translation>
    </message>
    <message>
        <source>American Express card present</source>
        <translation>American Express 实体卡</translation>
    </message>
</context>
<context>
    <name>receipt</name>
    <message>
        <source>TRAINING — NOT A REAL PAYMENT</source>
        <translation>训练 — 并非真实付款</translation>
    </message>
    <message>
        <source>PAYMENT</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>REFUND</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Customer copy</source>
        <extracomment>The reprint mark, in English and Chinese together (not translated: both are meant).</extracomment>
        <translation>顾客存根</translation>
    </message>
    <message>
        <source>Merchant copy</source>
        <translation>商户存根</translation>
    </message>
    <message>
        <source>Paid</source>
        <extracomment>Journal states (``TxState`` values) in the words a customer understands.</extracomment>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Being checked</source>
        <translation>核对中</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收银机</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>钱包</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Transaction no.</source>
        <translation>交易编号</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Payment code</source>
        <translation>付款码</translation>
    </message>
    <message>
        <source>Original transaction</source>
        <translation>原交易</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>谢谢惠顾</translation>
    </message>
</context>
<context>
    <name>receipts</name>
    <message>
        <source>The receipt could not be printed: the transaction is not in the journal.</source>
        <translation>未能打印收据：交易日志中没有这笔交易。</translation>
    </message>
</context>
<context>
    <name>reconcile</name>
    <message>
        <source>at QFPay but not in this till&apos;s journal</source>
        <translation>QFPay 有记录，但此收银机的日志没有</translation>
    </message>
    <message>
        <source>in the journal but not at QFPay</source>
        <translation>日志有记录，但 QFPay 没有</translation>
    </message>
    <message>
        <source>the state differs</source>
        <translation>状态不相符</translation>
    </message>
    <message>
        <source>the amount or currency differs</source>
        <translation>金额或货币不相符</translation>
    </message>
    <message>
        <source>still open in the journal: recovery can settle it</source>
        <translation>日志中仍未完成：恢复程序可以处理</translation>
    </message>
    <message>
        <source>QFPay shows more than one success</source>
        <translation>QFPay 显示多于一笔成功交易</translation>
    </message>
</context>
<context>
    <name>states</name>
    <message>
        <source>Created</source>
        <extracomment>Journal states in the cashier&apos;s words (marked here so lupdate finds them).</extracomment>
        <translation>已建立</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已送出</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Being checked</source>
        <translation>核实中</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>取消中</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Payment successful.</source>
        <translation>付款成功。</translation>
    </message>
    <message>
        <source>The payment system is under maintenance. Try again later.</source>
        <translation>支付系统正在维护。请稍后再试。</translation>
    </message>
    <message>
        <source>The cancellation failed. Check the transaction, then try again.</source>
        <translation>取消失败。请检查交易，然后再试。</translation>
    </message>
    <message>
        <source>This order was already sent. Check its result before trying again.</source>
        <translation>此订单已经送出。请先查看结果，然后才再试。</translation>
    </message>
    <message>
        <source>The till sent a malformed request. Call support.</source>
        <translation>收银机送出的请求格式错误。请联络技术支援。</translation>
    </message>
    <message>
        <source>The till sent a wrong value. Call support.</source>
        <translation>收银机送出的数值错误。请联络技术支援。</translation>
    </message>
    <message>
        <source>This till is not activated for payments. Call support.</source>
        <translation>此收银机未开通收款功能。请联络技术支援。</translation>
    </message>
    <message>
        <source>This till is not recognised by the payment system. Call support.</source>
        <translation>支付系统无法识别此收银机。请联络技术支援。</translation>
    </message>
    <message>
        <source>This till is not allowed to take payments. Call support.</source>
        <translation>此收银机不获准收款。请联络技术支援。</translation>
    </message>
    <message>
        <source>The payment key is wrong. A manager must check the settings.</source>
        <translation>付款密钥错误。经理必须检查设置。</translation>
    </message>
    <message>
        <source>This transaction has already been refunded. Check its refunds before trying again.</source>
        <translation>这笔交易已经退款。请先查看退款记录，然后才再试。</translation>
    </message>
    <message>
        <source>The transaction was not found. Check the receipt number.</source>
        <translation>找不到这笔交易。请检查收据编号。</translation>
    </message>
    <message>
        <source>This order is already closed. Start a new sale.</source>
        <translation>此订单已关闭。请开始新交易。</translation>
    </message>
    <message>
        <source>Waiting for the customer to confirm on their phone.</source>
        <translation>等待顾客在手机上确认。</translation>
    </message>
    <message>
        <source>Processing, please wait.</source>
        <translation>处理中，请稍候。</translation>
    </message>
    <message>
        <source>WeChat Pay refused the payment. Ask for another payment method.</source>
        <translation>微信支付拒绝了这笔付款。请顾客改用其他付款方式。</translation>
    </message>
    <message>
        <source>This account cannot cancel transactions. Refund it instead.</source>
        <translation>此账户不能取消交易。请改为退款。</translation>
    </message>
    <message>
        <source>The refund was refused. Check the sale in the merchant portal or call support.</source>
        <translation>退款被拒绝。请在商户后台查看交易，或联络技术支援。</translation>
    </message>
    <message>
        <source>The order expired. Start the payment again.</source>
        <translation>订单已过期。请重新收款。</translation>
    </message>
    <message>
        <source>Not enough balance. Ask for another payment method.</source>
        <translation>余额不足。请顾客改用其他付款方式。</translation>
    </message>
    <message>
        <source>The payment code is wrong or expired. Ask the customer to refresh it and scan again.</source>
        <translation>付款码错误或已过期。请顾客刷新付款码后再扫描。</translation>
    </message>
    <message>
        <source>The merchant account is not set up for this wallet. Call support.</source>
        <translation>商户账户未开通此电子钱包。请联络技术支援。</translation>
    </message>
    <message>
        <source>The customer&apos;s bank refused. Ask for another payment method.</source>
        <translation>顾客的银行拒绝了付款。请顾客改用其他付款方式。</translation>
    </message>
    <message>
        <source>The payment failed. Try again later or use another payment method.</source>
        <translation>付款失败。请稍后再试或改用其他付款方式。</translation>
    </message>
    <message>
        <source>Ask the customer to show their UnionPay overseas payment code.</source>
        <translation>请顾客出示银联境外付款码。</translation>
    </message>
    <message>
        <source>The store is not set up for payments. Do not take payments; call support.</source>
        <translation>商店未开通收款。请勿收款；请联络技术支援。</translation>
    </message>
    <message>
        <source>The store is not configured for payments. Call support.</source>
        <translation>商店的收款设置未完成。请联络技术支援。</translation>
    </message>
    <message>
        <source>The store has been disabled. Do not take payments; contact the owner.</source>
        <translation>商店已被停用。请勿收款；请联络店主。</translation>
    </message>
    <message>
        <source>This transaction is not allowed. Contact QFPay support.</source>
        <translation>不允许这笔交易。请联络 QFPay 技术支援。</translation>
    </message>
    <message>
        <source>The store configuration has a problem being fixed. Try again later.</source>
        <translation>商店设置出现问题，正在修正中。请稍后再试。</translation>
    </message>
    <message>
        <source>The payment system had an error. Try again later.</source>
        <translation>支付系统发生错误。请稍后再试。</translation>
    </message>
    <message>
        <source>The payment system has a problem. Try again later.</source>
        <translation>支付系统出现问题。请稍后再试。</translation>
    </message>
    <message>
        <source>This order is already paid. Check it before doing anything else.</source>
        <translation>此订单已付款。请先核实，然后才进行其他操作。</translation>
    </message>
    <message>
        <source>This order is not paid. Check it before doing anything else.</source>
        <translation>此订单未付款。请先核实，然后才进行其他操作。</translation>
    </message>
    <message>
        <source>This order was refunded. Check it before doing anything else.</source>
        <translation>此订单已退款。请先核实，然后才进行其他操作。</translation>
    </message>
    <message>
        <source>This order was cancelled. Check it before doing anything else.</source>
        <translation>此订单已取消。请先核实，然后才进行其他操作。</translation>
    </message>
    <message>
        <source>This order was closed. Check it before doing anything else.</source>
        <translation>此订单已关闭。请先核实，然后才进行其他操作。</translation>
    </message>
    <message>
        <source>This transaction cannot be refunded now: no refunds between 23:30 and 00:30, nor for promotions. Try again after 00:30.</source>
        <translation>这笔交易现在不能退款：23:30 至 00:30 期间及推广优惠交易均不设退款。请于 00:30 后再试。</translation>
    </message>
    <message>
        <source>The amount does not match the order. Check the order.</source>
        <translation>金额与订单不符。请检查订单。</translation>
    </message>
    <message>
        <source>The order details do not match. Check the order.</source>
        <translation>订单资料不符。请检查订单。</translation>
    </message>
    <message>
        <source>The order was not found. Check the receipt number.</source>
        <translation>找不到订单。请检查收据编号。</translation>
    </message>
    <message>
        <source>Not enough unsettled takings today to pay this refund. Try again after more sales, or call support.</source>
        <translation>今日未结算的收款不足以支付这笔退款。请在有更多销售后再试，或联络技术支援。</translation>
    </message>
    <message>
        <source>This currency allows only full refunds. Refund the whole amount instead.</source>
        <translation>此货币只接受全数退款。请改为退回全数金额。</translation>
    </message>
    <message>
        <source>This transaction allows only a full refund. Refund the whole amount instead.</source>
        <translation>这笔交易只接受全数退款。请改为退回全数金额。</translation>
    </message>
    <message>
        <source>The refund is more than what is left of the payment. Enter a smaller amount.</source>
        <translation>退款金额超过这笔付款的剩余金额。请输入较小的金额。</translation>
    </message>
    <message>
        <source>The bank blocked this payment. Ask for another payment method.</source>
        <translation>银行拦截了这笔付款。请顾客改用其他付款方式。</translation>
    </message>
    <message>
        <source>The connection is slow. Waiting for the result; do not pay again.</source>
        <translation>网络连线缓慢。正在等待结果；请勿重复付款。</translation>
    </message>
    <message>
        <source>The bank is busy. Try again later or use another payment method.</source>
        <translation>银行繁忙。请稍后再试或改用其他付款方式。</translation>
    </message>
    <message>
        <source>The connection is slow. If the customer has paid, do not pay again; waiting for the result.</source>
        <translation>网络连线缓慢。如顾客已付款，请勿重复付款；正在等待结果。</translation>
    </message>
    <message>
        <source>This order number was already used. Check the order before trying again.</source>
        <translation>此订单编号已被使用。请先检查订单，然后才再试。</translation>
    </message>
    <message>
        <source>Unknown answer: check the transaction before trying again.</source>
        <extracomment>Refusals caused by the till&apos;s own setup (parameters such as a wrong mchid, the app code, the device, the signing key): the gateway processed nothing, and repeating the request would be refused the same way until a person fixes the configuration.</extracomment>
        <translation>未知回应：请先检查交易，然后才再试。</translation>
    </message>
</context>
<context>
    <name>wallets</name>
    <message>
        <source>QR wallet</source>
        <extracomment>Wallets whose name customers read in their own language (the others are brand names every language writes the same); the wallet table&apos;s English name is the source text.</extracomment>
        <translation>QR 钱包</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Alipay HK</source>
        <translation>支付宝香港</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>WeChat Pay HK</source>
        <translation>微信支付香港</translation>
    </message>
    <message>
        <source>UnionPay</source>
        <translation>银联</translation>
    </message>
    <message>
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <source>FPS</source>
        <translation>转数快</translation>
    </message>
    <message>
        <source>Octopus</source>
        <translation>八达通</translation>
    </message>
    <message>
        <source>eWallet</source>
        <translation>电子钱包</translation>
    </message>
    <message>
        <source>Visa / Mastercard</source>
        <translation>Visa / Mastercard</translation>
    </message>
</context>
<context>
    <name>worker</name>
    <message>
        <source>Something went wrong. Details were written to the log.</source>
        <extracomment>How long a pool thread (or the in-process training gateway) may hold the GIL before the GUI thread gets a turn. Python&apos;s default, 5 ms, let two busy threads keep the GUI waiting 7-11 ms in the MPM flow (measured); at 1 ms the longest stall went from ~7 to ~5 ms.</extracomment>
        <translation>发生错误。详情已写入日志。</translation>
    </message>
</context>
</TS>
