<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK">
<context>
    <name></name>
    <message>
        <source>till</source>
        <translation>收銀機</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>列印時間</translation>
    </message>
    <message>
        <source>by</source>
        <translation>日結人</translation>
    </message>
    <message>
        <source>from</source>
        <translation>由</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>結算時間</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <source>shift</source>
        <translation>更次</translation>
    </message>
    <message>
        <source>count</source>
        <translation>筆數</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>今日沒有付款</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>QFPay account</source>
        <translation>QFPay 帳戶</translation>
    </message>
    <message>
        <source>Training needs no account. For real payments enter what QFPay sent you; the client key is kept in the system keyring and is never shown again.</source>
        <translation>訓練模式不需要帳戶。如要收取真實付款，請輸入 QFPay 提供的資料；客戶密鑰會儲存在系統密碼庫中，之後不會再顯示。</translation>
    </message>
    <message>
        <source>Training (no real money)</source>
        <translation>訓練（不涉及真實金錢）</translation>
    </message>
    <message>
        <source>Sandbox (QFPay test account)</source>
        <translation>沙盒（QFPay 測試帳戶）</translation>
    </message>
    <message>
        <source>Test (QFPay staging)</source>
        <translation>測試（QFPay 預備環境）</translation>
    </message>
    <message>
        <source>Production (real money)</source>
        <translation>正式（真實金錢）</translation>
    </message>
    <message>
        <source>only if QFPay gave you one</source>
        <translation>只在 QFPay 有提供時填寫</translation>
    </message>
    <message>
        <source>leave empty for QFPay&apos;s own address</source>
        <translation>留空即使用 QFPay 的官方地址</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <source>App code</source>
        <translation>App code</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客戶密鑰</translation>
    </message>
    <message>
        <source>Merchant id (mchid)</source>
        <translation>商戶編號 (mchid)</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>簽名方式</translation>
    </message>
    <message>
        <source>Gateway address</source>
        <translation>閘道地址</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>環境</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地區</translation>
    </message>
    <message>
        <source>stored in the keyring; type a new key to replace it</source>
        <translation>已儲存在密碼庫；輸入新密鑰即可取代</translation>
    </message>
    <message>
        <source>Training mode needs no account: nothing to test.</source>
        <translation>訓練模式不需要帳戶，無需測試。</translation>
    </message>
    <message>
        <source>Enter the app code and the client key first.</source>
        <translation>請先輸入 App code 及客戶密鑰。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>測試中…</translation>
    </message>
</context>
<context>
    <name>CashierPicker</name>
    <message>
        <source>Start of shift</source>
        <translation>開始當值</translation>
    </message>
    <message>
        <source>Your PIN</source>
        <translation>你的密碼</translation>
    </message>
    <message>
        <source>Who is at the till?</source>
        <translation>誰在收銀？</translation>
    </message>
    <message>
        <source>Type your PIN, then press Enter.</source>
        <translation>請輸入你的密碼，然後按 Enter。</translation>
    </message>
</context>
<context>
    <name>Chain</name>
    <message>
        <source>The head-office database must be a postgresql://user@host/db address</source>
        <translation>總部資料庫必須是 postgresql://user@host/db 格式的地址</translation>
    </message>
    <message>
        <source>Put no password in the address: store it with &apos;qfpay-pos chain password&apos; (keyring) or set PGPASSWORD</source>
        <translation>地址中不要包含密碼：請用 &apos;qfpay-pos chain password&apos; 存入密碼庫，或設定 PGPASSWORD</translation>
    </message>
    <message>
        <source>The address needs a host and a database name</source>
        <translation>地址需要主機及資料庫名稱</translation>
    </message>
    <message>
        <source>The password is empty</source>
        <translation>密碼是空的</translation>
    </message>
    <message>
        <source>Head office refused the user name or password. Check both with whoever runs head office.</source>
        <translation>總部拒絕了用戶名稱或密碼。請向管理總部的人核對兩者。</translation>
    </message>
    <message>
        <source>Head office has no database named {database}.</source>
        <translation>總部沒有名為 {database} 的資料庫。</translation>
    </message>
    <message>
        <source>Head office has no user by that name.</source>
        <translation>總部沒有這個名稱的用戶。</translation>
    </message>
    <message>
        <source>Head office does not let this till in (its pg_hba.conf refuses it).</source>
        <translation>總部不讓這部收銀機連接（其 pg_hba.conf 拒絕了它）。</translation>
    </message>
    <message>
        <source>Head office cannot be reached at {host}. Check the address, that head office is running and that this till&apos;s network reaches it.</source>
        <translation>無法連接位於 {host} 的總部。請檢查地址、總部是否正在運行，以及這部收銀機的網絡能否連到總部。</translation>
    </message>
    <message>
        <source>Head office answers but is not set up yet: start &apos;qfpay-pos backoffice serve&apos; there once, then test again.</source>
        <translation>總部有回應，但尚未設定：請先在總部執行一次 &apos;qfpay-pos backoffice serve&apos;，然後再測試。</translation>
    </message>
    <message>
        <source>Head office and this till run different versions (head office schema {theirs}, this till expects {ours}). Update the older one first.</source>
        <translation>總部與這部收銀機的版本不同（總部資料結構 {theirs}，這部收銀機需要 {ours}）。請先更新較舊的一方。</translation>
    </message>
    <message>
        <source>Connected to head office at {host}. Tills it knows so far: {tills}.</source>
        <translation>已連接位於 {host} 的總部。總部目前知道的收銀機數目：{tills}。</translation>
    </message>
</context>
<context>
    <name>ChainPage</name>
    <message>
        <source>Chain of shops</source>
        <translation>連鎖店舖</translation>
    </message>
    <message>
        <source>Optional: for a merchant with several shops or tills.</source>
        <translation>可選：適用於有多間店舖或多部收銀機的商戶。</translation>
    </message>
    <message>
        <source>One head office keeps the books of every till and shares QFPay&apos;s request limit between them.</source>
        <translation>由一個總部保存每部收銀機的帳目，並讓它們共用 QFPay 的請求上限。</translation>
    </message>
    <message>
        <source>This till works on its own</source>
        <translation>這部收銀機獨立運作</translation>
    </message>
    <message>
        <source>This till is part of a chain</source>
        <translation>這部收銀機屬於連鎖店舖</translation>
    </message>
    <message>
        <source>kept in the system keyring; leave empty to keep the stored one</source>
        <translation>保存在系統密碼庫；留空則保留已儲存的密碼</translation>
    </message>
    <message>
        <source>empty: the shop&apos;s name on the receipt</source>
        <translation>留空：使用收據上的店舖名稱</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <source>Head office</source>
        <extracomment>None until a test finished; then whether head office answered as it should.</extracomment>
        <translation>總部</translation>
    </message>
    <message>
        <source>Database address</source>
        <translation>資料庫地址</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Shop name in the chain&apos;s reports</source>
        <translation>連鎖報表中的店舖名稱</translation>
    </message>
    <message>
        <source>This till&apos;s id at head office</source>
        <translation>這部收銀機在總部的編號</translation>
    </message>
    <message>
        <source>Head office&apos;s administrator gives you the address and the password. The till keeps taking payments when head office cannot be reached, and sends its sales when it can. Changes take effect when the till restarts.</source>
        <translation>地址和密碼由總部的管理員提供。無法連接總部時，收銀機照常收款，能連接時再傳送銷售記錄。更改會在收銀機重新啟動後生效。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>測試中…</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>The address {host} does not exist for this computer (DNS). Check the region ({region}), then the internet connection.</source>
        <extracomment>More than this between the gateway&apos;s clock and ours is worth fixing.</extracomment>
        <translation>這部電腦找不到地址 {host}（DNS）。請檢查地區（{region}），再檢查網絡連線。</translation>
    </message>
    <message>
        <source>The connection to {host} is not trusted (certificate problem). Check the computer&apos;s date and time; a network that intercepts HTTPS must let QFPay through.</source>
        <translation>與 {host} 的連線不受信任（證書問題）。請檢查電腦的日期和時間；攔截 HTTPS 的網絡必須放行 QFPay。</translation>
    </message>
    <message>
        <source>Cannot reach {host} ({reason}). Check the internet connection, a firewall or proxy, and the region ({region}).</source>
        <translation>無法連接 {host}（{reason}）。請檢查網絡連線、防火牆或代理伺服器，以及地區（{region}）。</translation>
    </message>
    <message>
        <source>QFPay refused the signature (1108): the client key does not belong to app code {app_code}, or these credentials are for another environment or region than {env}/{region}. Copy the key again from the QFPay portal; if it is right, try the {other} signature.</source>
        <translation>QFPay 拒絕了簽名（1108）：客戶密鑰不屬於 App code {app_code}，或這組憑證屬於 {env}/{region} 以外的環境或地區。請從 QFPay 商戶平台重新複製密鑰；如密鑰正確，請改用 {other} 簽名。</translation>
    </message>
    <message>
        <source>QFPay does not accept the merchant id {mchid} with this app code (1104). Check it, or leave it empty if QFPay gave you none.</source>
        <translation>QFPay 不接受此 App code 配合商戶編號 {mchid}（1104）。請檢查；如 QFPay 沒有提供商戶編號，請留空。</translation>
    </message>
    <message>
        <source>This app code needs a merchant id (mchid) (1104). QFPay sent it together with the app code: enter it with the credentials.</source>
        <translation>此 App code 需要商戶編號 (mchid)（1104）。QFPay 會連同 App code 一併提供，請與憑證一同輸入。</translation>
    </message>
    <message>
        <source>QFPay answered {code}: {reason}. Send this to QFPay support with the till&apos;s diagnostics.</source>
        <translation>QFPay 回覆 {code}：{reason}。請將此訊息連同收銀機的診斷資料發送給 QFPay 客戶支援。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {minutes} minutes ahead of QFPay&apos;s. Set the date, time and time zone (turn on automatic time): order times and receipts use this clock.</source>
        <translation>這部電腦的時鐘比 QFPay 快 {minutes} 分鐘。請設定日期、時間及時區（開啟自動校時）：訂單時間和收據都使用這個時鐘。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {minutes} minutes behind QFPay&apos;s. Set the date, time and time zone (turn on automatic time): order times and receipts use this clock.</source>
        <translation>這部電腦的時鐘比 QFPay 慢 {minutes} 分鐘。請設定日期、時間及時區（開啟自動校時）：訂單時間和收據都使用這個時鐘。</translation>
    </message>
    <message>
        <source>Connected: {host} accepted the signed request for app code {app_code} ({env}/{region}, {sign_type}). Nothing was charged.</source>
        <translation>已連線：{host} 接受了 App code {app_code} 的簽名請求（{env}/{region}，{sign_type}）。沒有任何收費。</translation>
    </message>
    <message>
        <source>{host} answers, but not as a QFPay gateway ({reason}). Check the region ({region}) and any custom address in the settings.</source>
        <translation>{host} 有回應，但不是 QFPay 閘道（{reason}）。請檢查地區（{region}）及設定中的自訂地址。</translation>
    </message>
    <message>
        <source>The request could not be made: {reason}</source>
        <translation>無法發出請求：{reason}</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>No credentials stored</source>
        <translation>未儲存登入憑證</translation>
    </message>
    <message>
        <source>Both the app code and the client key are needed</source>
        <translation>必須同時提供 App Code 及 Client Key</translation>
    </message>
    <message>
        <source>The client key contains characters that cannot be right</source>
        <translation>Client Key 含有不正確的字元</translation>
    </message>
    <message>
        <source>Training mode uses built-in credentials</source>
        <translation>培訓模式使用內置憑證</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <source>Export CSV</source>
        <translation>匯出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Please scan to pay</source>
        <extracomment>Width of the customer window when it shares the till&apos;s only screen (at most). Narrowest useful customer window: a QR code a phone still reads from arm&apos;s length.</extracomment>
        <translation>請掃碼付款</translation>
    </message>
    <message>
        <source>Simulate customer scan
(training) [F12]</source>
        <extracomment>Width the till&apos;s own screen must keep for itself (its sale screen&apos;s minimum), so on a single screen this window never covers the keypad. Set by the till.</extracomment>
        <translation>模擬顧客掃碼
（培訓）[F12]</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>歡迎光臨</translation>
    </message>
    <message>
        <source>Scan with %1</source>
        <translation>請用 %1 掃描</translation>
    </message>
    <message>
        <source>Thank you! Paid with %1</source>
        <translation>多謝！已用 %1 付款</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>多謝！</translation>
    </message>
    <message>
        <source>No payment was taken</source>
        <translation>沒有收取任何款項</translation>
    </message>
    <message>
        <source>Please wait for the cashier</source>
        <translation>請稍候收銀員</translation>
    </message>
    <message>
        <source>Code valid for %1</source>
        <extracomment>The settings&apos; ``customer_screen``: &quot;auto&quot;, &quot;till&quot; or a screen&apos;s name.</extracomment>
        <translation>二維碼有效時間 %1</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Scanner and printer</source>
        <translation>掃描器及打印機</translation>
    </message>
    <message>
        <source>Try both here, before the first customer.</source>
        <translation>在第一位顧客光臨前，先在這裏測試兩者。</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>掃描器</translation>
    </message>
    <message>
        <source>Keyboard (USB scanner that types)</source>
        <translation>鍵盤模式（會自動輸入的 USB 掃描器）</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>click here and scan a code to test</source>
        <translation>按這裏，然後掃描一個碼來測試</translation>
    </message>
    <message>
        <source>Scan now to test</source>
        <translation>立即掃描測試</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>收據打印機</translation>
    </message>
    <message>
        <source>No printer (receipts on screen)</source>
        <translation>沒有打印機（收據只在螢幕顯示）</translation>
    </message>
    <message>
        <source>USB (ESC/POS)</source>
        <translation>USB（ESC/POS）</translation>
    </message>
    <message>
        <source>Network (IP address)</source>
        <translation>網絡（IP 地址）</translation>
    </message>
    <message>
        <source>Text file</source>
        <translation>文字檔</translation>
    </message>
    <message>
        <source>USB 04b8:0202, serial /dev/ttyUSB0 or COM3, network 192.168.1.50:9100</source>
        <translation>USB 04b8:0202、串口 /dev/ttyUSB0 或 COM3、網絡 192.168.1.50:9100</translation>
    </message>
    <message>
        <source>Print a receipt after every sale</source>
        <translation>每筆交易後打印收據</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>測試打印</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Port or address</source>
        <translation>連接埠或地址</translation>
    </message>
    <message>
        <source>Characters per line</source>
        <translation>每行字數</translation>
    </message>
    <message>
        <source>A second screen, when one is connected</source>
        <translation>第二個螢幕（如有連接）</translation>
    </message>
    <message>
        <source>A window beside the till (one screen)</source>
        <translation>收銀畫面旁的視窗（單一螢幕）</translation>
    </message>
    <message>
        <source>Customer QR code on</source>
        <translation>顧客二維碼顯示於</translation>
    </message>
    <message>
        <source>Network (leave empty unless your network needs it)</source>
        <translation>網絡（除非你的網絡需要，否則留空）</translation>
    </message>
    <message>
        <source>proxy, e.g. http://proxy.example:3128</source>
        <translation>代理伺服器，例如 http://proxy.example:3128</translation>
    </message>
    <message>
        <source>full path of a PEM file of certificates</source>
        <translation>PEM 憑證檔的完整路徑</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理伺服器</translation>
    </message>
    <message>
        <source>Own CA bundle</source>
        <translation>自訂 CA 憑證檔</translation>
    </message>
    <message>
        <source>The scanner works: read %1 characters (%2).</source>
        <translation>掃描器正常：讀到 %1 個字元（%2）。</translation>
    </message>
    <message>
        <source>If you can read this, receipts will print.</source>
        <translation>看得到這行字，即表示收據可以正常打印。</translation>
    </message>
    <message>
        <source>No printer chosen: receipts stay on screen.</source>
        <translation>未選擇打印機：收據只在螢幕顯示。</translation>
    </message>
    <message>
        <source>Test print failed: %1</source>
        <translation>測試打印失敗：%1</translation>
    </message>
    <message>
        <source>Test page sent to the printer.</source>
        <translation>測試頁已送往打印機。</translation>
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
        <translation>訂單編號、syssn、付款碼最後 4 位或金額</translation>
    </message>
    <message>
        <source>All wallets</source>
        <translation>所有錢包</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>所有狀態</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>搜尋</translation>
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
        <translation>選擇一筆交易以查看其審計記錄。</translation>
    </message>
    <message>
        <source>Reprint receipt [Ctrl+P]</source>
        <translation>重印收據 [Ctrl+P]</translation>
    </message>
    <message>
        <source>Refund… [Ctrl+R]</source>
        <translation>退款… [Ctrl+R]</translation>
    </message>
    <message>
        <source>Add note… [Ctrl+N]</source>
        <translation>加入備註… [Ctrl+N]</translation>
    </message>
    <message>
        <source>Export CSV… [Ctrl+E]</source>
        <translation>匯出 CSV… [Ctrl+E]</translation>
    </message>
    <message>
        <source>Check with QFPay…</source>
        <translation>與 QFPay 核對…</translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation>關閉 [Esc]</translation>
    </message>
    <message>
        <source> (scroll for more)</source>
        <translation>（向下捲動查看更多）</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s) shown</source>
        <translation>
            <numerusform>顯示 %n 筆交易</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a transaction QFPay knows (with a syssn).</source>
        <translation>請選擇 QFPay 有記錄的交易（有 syssn）。</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>加入備註</translation>
    </message>
    <message>
        <source>Note for QFPay:</source>
        <translation>給 QFPay 的備註：</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>已加入備註。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported.</source>
        <translation>
            <numerusform>已匯出 %n 行。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <extracomment>(header marked for translation, sort key in ``pos_app.engine.history.SORTABLE`` or None)</extracomment>
        <translation>時間</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>錢包</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <source>QFPay number (syssn)</source>
        <translation>QFPay 編號 (syssn)</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>訂單編號</translation>
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
        <translation>刪除最後一位數字 (Backspace)</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Clear the amount (Delete)</source>
        <translation>清除金額 (Delete)</translation>
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
        <translation>系統密碼庫已鎖定。請先解鎖（登入桌面，或打開「密碼和金鑰」並解鎖「登入」），然後再試。</translation>
    </message>
    <message>
        <source>No keyring is reachable: the till was started outside a desktop session (no D-Bus session bus). Start it from the desktop, or run it inside &apos;dbus-run-session&apos; with gnome-keyring-daemon unlocked.</source>
        <translation>無法連接密碼庫：收銀機不是在桌面工作階段中啟動（沒有 D-Bus 工作階段匯流排）。請從桌面啟動，或在 &apos;dbus-run-session&apos; 中執行並解鎖 gnome-keyring-daemon。</translation>
    </message>
    <message>
        <source>No keyring service is running ({error}). Install one: &apos;sudo apt-get install gnome-keyring&apos; (Debian/Ubuntu) or &apos;sudo dnf install gnome-keyring&apos; (Fedora), then log out and in again. The till never stores the key in a file; training mode works meanwhile.</source>
        <translation>沒有正在運行的密碼庫服務（{error}）。請安裝：&apos;sudo apt-get install gnome-keyring&apos;（Debian/Ubuntu）或 &apos;sudo dnf install gnome-keyring&apos;（Fedora），然後登出再登入。收銀機絕不會把密鑰存入檔案；期間仍可使用訓練模式。</translation>
    </message>
    <message>
        <source>The macOS Keychain refused the till ({error}). Open &apos;Keychain Access&apos;, make sure the &apos;login&apos; keychain is unlocked, and allow &apos;qfpay-pos&apos; when asked.</source>
        <translation>macOS 鑰匙圈拒絕了收銀機（{error}）。請打開「鑰匙圈存取」，確認「登入」鑰匙圈已解鎖，並在詢問時允許 &apos;qfpay-pos&apos;。</translation>
    </message>
    <message>
        <source>The Windows Credential Manager refused the till ({error}). Sign in to Windows with a normal user account (not a guest or kiosk account) and try again.</source>
        <translation>Windows 認證管理員拒絕了收銀機（{error}）。請以一般使用者帳戶（並非訪客或資訊站帳戶）登入 Windows，然後再試。</translation>
    </message>
    <message>
        <source>No keyring is available on this computer ({error}); the till never stores the key in a file. Training mode works meanwhile.</source>
        <translation>這部電腦沒有可用的密碼庫（{error}）；收銀機絕不會把密鑰存入檔案。期間仍可使用訓練模式。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>QFPay till %1</source>
        <translation>QFPay 收銀機 %1</translation>
    </message>
    <message>
        <source>TRAINING MODE — practice only, no real money moves</source>
        <translation>培訓模式 — 只作練習，不涉及真實款項</translation>
    </message>
    <message>
        <source>checking with QFPay…</source>
        <extracomment>Lines visible at once; more scroll (the sale screen keeps its room on small screens). How long the settled list stays on screen before it leaves by itself.</extracomment>
        <translation>正在向 QFPay 核實…</translation>
    </message>
    <message>
        <source>Recovered at start</source>
        <translation>啟動時已恢復</translation>
    </message>
    <message>
        <source>Hide ×</source>
        <translation>隱藏 ×</translation>
    </message>
    <message>
        <source>Hide this list (the history keeps every line)</source>
        <translation>隱藏此列表（交易記錄會保留每一項）</translation>
    </message>
    <message>
        <source>Starting the till…</source>
        <translation>收銀機啟動中…</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>History</source>
        <translation>交易記錄</translation>
    </message>
    <message>
        <source>Day close</source>
        <translation>日結</translation>
    </message>
    <message>
        <source>Customer screen</source>
        <translation>顧客屏幕</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>The largest sale on this till is %1.</source>
        <translation>此收銀機單筆交易上限為 %1。</translation>
    </message>
    <message>
        <source>The till cannot start.</source>
        <translation>收銀機無法啟動。</translation>
    </message>
    <message>
        <source>The till stopped: the journal is damaged.</source>
        <translation>收銀機已停止：交易日誌已損壞。</translation>
    </message>
    <message>
        <source>The till is still starting…</source>
        <translation>收銀機仍在啟動中…</translation>
    </message>
    <message>
        <source>Scan ignored: a payment is already in progress.</source>
        <translation>已略過掃碼：另一筆付款正在進行中。</translation>
    </message>
    <message>
        <source>Scan ignored: key the amount first, then scan.</source>
        <translation>已略過掃碼：請先輸入金額，再掃描。</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收據</translation>
    </message>
    <message>
        <source>Payment in progress</source>
        <translation>付款進行中</translation>
    </message>
    <message>
        <source>A payment is still in progress. Closing now does not lose it: the till finishes it, or checks it again at the next start.</source>
        <translation>仍有付款正在進行中。現在關閉不會遺失這筆付款：收銀機會完成它，或在下次啟動時再次核實。</translation>
    </message>
    <message>
        <source>Keep the till open</source>
        <translation>保持收銀機開啟</translation>
    </message>
    <message>
        <source>Close when the payment is finished</source>
        <translation>付款完成後關閉</translation>
    </message>
    <message>
        <source>Close now</source>
        <translation>立即關閉</translation>
    </message>
    <message>
        <source>Closing when the payment is finished…</source>
        <translation>付款完成後將會關閉…</translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <source>Manager PIN</source>
        <translation>經理密碼</translation>
    </message>
    <message>
        <source>A manager opens the till&apos;s settings. Saved changes take effect when the till is restarted.</source>
        <translation>由經理開啟收銀機設定。儲存的更改會在收銀機重新啟動後生效。</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>經理</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>核對中…</translation>
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
        <translation>本機缺少</translation>
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
        <translation>與 QFPay 核對</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核對</translation>
    </message>
    <message>
        <source>Settle open ones through recovery</source>
        <translation>以恢復程序處理未完成的交易</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>訂單編號</translation>
    </message>
    <message>
        <source>In the journal</source>
        <translation>日誌記錄</translation>
    </message>
    <message>
        <source>At QFPay</source>
        <translation>QFPay 記錄</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>匯出 CSV…</translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation>關閉 [Esc]</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Asking QFPay…</source>
        <translation>正在查詢 QFPay…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported.</source>
        <translation>
            <numerusform>已匯出 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Matched %1, missing here %2, missing at QFPay %3, differing %4.</source>
        <translation>相符 %1，本機缺少 %2，QFPay 缺少 %3，不相符 %4。</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund (manager)</source>
        <extracomment>``(orig syssn, txamt, manager name, PIN) -&gt; Outcome``; blocking, run on the worker. The engine checks the PIN (``ManagerStore``) and raises ``ManagerAuthError`` when it is wrong. ``syssn -&gt; Original``: the engine&apos;s lookup (journal, else gateway); blocking, on the worker.</extracomment>
        <translation>退款（經理）</translation>
    </message>
    <message>
        <source>Type or scan the receipt&apos;s QFPay number</source>
        <translation>輸入或掃描收據上的 QFPay 交易編號</translation>
    </message>
    <message>
        <source>Find [Enter]</source>
        <translation>查找 [Enter]</translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation>退款金額</translation>
    </message>
    <message>
        <source>Full refund…</source>
        <translation>全額退款…</translation>
    </message>
    <message>
        <source>Refund [Ctrl+Enter]</source>
        <translation>退款 [Ctrl+Enter]</translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation>關閉 [Esc]</translation>
    </message>
    <message>
        <source>QFPay number (syssn)</source>
        <translation>QFPay 交易編號 (syssn)</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>金額 (%1)</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>經理</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>經理密碼</translation>
    </message>
    <message>
        <source>Choose the manager</source>
        <translation>選擇經理</translation>
    </message>
    <message>
        <source>No manager is set up</source>
        <translation>尚未設定經理</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>正在查找 %1…</translation>
    </message>
    <message>
        <source>No paid sale with this number was found, here or at QFPay.</source>
        <translation>在本機及 QFPay 都找不到這個編號的已付款交易。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 — still refundable: %4</source>
        <translation>%1 · %2 · %3 — 尚可退款：%4</translation>
    </message>
    <message>
        <source>Nothing left to refund on this sale.</source>
        <translation>這筆交易已沒有可退款的金額。</translation>
    </message>
    <message>
        <source>Full refund</source>
        <translation>全額退款</translation>
    </message>
    <message>
        <source>Refund everything left: %1?</source>
        <translation>退回全部餘額：%1？</translation>
    </message>
    <message>
        <source>Key the amount to refund, or choose Full refund for everything left.</source>
        <translation>請輸入退款金額，或選擇「全額退款」退回全部餘額。</translation>
    </message>
    <message>
        <source>At most %1 can be refunded.</source>
        <translation>最多可退款 %1。</translation>
    </message>
    <message>
        <source>Choose the manager who authorises the refund.</source>
        <translation>請選擇批准此退款的經理。</translation>
    </message>
    <message>
        <source>Refunding… do not close the till.</source>
        <translation>退款處理中… 請勿關閉收銀機。</translation>
    </message>
    <message>
        <source>REFUNDED %1 (refund number %2)</source>
        <translation>已退款 %1（退款編號 %2）</translation>
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
        <translation>日結報表</translation>
    </message>
    <message>
        <source>All cashiers</source>
        <translation>所有收銀員</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 報表</translation>
    </message>
    <message>
        <source>Show Z report</source>
        <translation>顯示 Z 報表</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <source>Z number</source>
        <translation>Z 編號</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>經理</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Close the day (Z)</source>
        <translation>日結 (Z)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>匯出 CSV…</translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation>關閉 [Esc]</translation>
    </message>
    <message>
        <source>There is no Z report with that number.</source>
        <translation>沒有此編號的 Z 報表。</translation>
    </message>
    <message>
        <source>Z report %1: the day is closed.</source>
        <translation>Z 報表 %1：當日已結算。</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s) not settled: see below.</source>
        <translation>
            <numerusform>%n 筆交易未完成：請看下方。</numerusform>
        </translation>
    </message>
    <message>
        <source>All transactions settled.</source>
        <translation>所有交易均已完成。</translation>
    </message>
    <message>
        <source>A manager&apos;s name and PIN close the day.</source>
        <translation>須由經理輸入名稱及密碼進行日結。</translation>
    </message>
    <message>
        <source>Day closed. Sales from now on belong to the next day.</source>
        <translation>已日結。此後的銷售計入下一日。</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
    <message>
        <source>Exported.</source>
        <translation>已匯出。</translation>
    </message>
</context>
<context>
    <name>SaleController</name>
    <message>
        <source>Sending the payment to the customer&apos;s wallet…</source>
        <extracomment>The last exchange with the gateway broke and none has worked since. A broken exchange was reported since the engine&apos;s last &quot;waiting&quot; event. Why the engine is cancelling (its reason, as journaled), once it is.</extracomment>
        <translation>正在將付款傳送到顧客的電子錢包…</translation>
    </message>
    <message>
        <source>Asking QFPay for a QR code…</source>
        <translation>正在向 QFPay 索取二維碼…</translation>
    </message>
    <message>
        <source>About %1 s more: the till makes sure nothing is charged.</source>
        <translation>還需約 %1 秒：收銀機正在確保沒有扣款。</translation>
    </message>
    <message>
        <source>Waiting for the customer to scan and pay with %1…</source>
        <translation>等待顧客用 %1 掃碼付款…</translation>
    </message>
    <message>
        <source>Waiting for the customer to confirm in their wallet…</source>
        <translation>等待顧客在錢包中確認…</translation>
    </message>
    <message>
        <source>NO ANSWER FROM QFPAY</source>
        <translation>QFPAY 沒有回應</translation>
    </message>
    <message>
        <source>Check the network (cable, Wi-Fi, router). Do not take the payment another way yet: the till finds out whether it went through.</source>
        <translation>請檢查網絡（網線、Wi-Fi、路由器）。暫時不要以其他方式收款：收銀機會查明這筆付款是否成功。</translation>
    </message>
    <message>
        <source>The QR code expired: closing the order…</source>
        <translation>二維碼已過期：正在關閉訂單…</translation>
    </message>
    <message>
        <source>NOT SENT</source>
        <translation>未送出</translation>
    </message>
    <message>
        <source>Nothing was charged. Press Enter and try again.</source>
        <translation>沒有扣款。請按 Enter 再試。</translation>
    </message>
    <message>
        <source>NEEDS ATTENTION</source>
        <translation>需要處理</translation>
    </message>
    <message>
        <source>The payment may or may not have gone through; the till will check it. Do not take the payment again before the history shows it.</source>
        <translation>未能確定付款是否成功；收銀機會自動核實。在交易記錄顯示結果前，請勿再次收款。</translation>
    </message>
    <message>
        <source>QFPay number %1</source>
        <translation>QFPay 交易編號 %1</translation>
    </message>
    <message>
        <source>PAID</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Press Enter for the next sale.</source>
        <translation>按 Enter 開始下一單。</translation>
    </message>
    <message>
        <source>DECLINED</source>
        <translation>被拒絕</translation>
    </message>
    <message>
        <source>Nothing was charged. Ask for another code and scan it to try again, or press Enter for a new sale.</source>
        <translation>沒有扣款。請顧客出示另一個付款碼並重新掃描，或按 Enter 開始新交易。</translation>
    </message>
    <message>
        <source>Nothing was charged. Scan a customer code to try again, or press Enter for a new sale.</source>
        <translation>沒有扣款。請掃描顧客付款碼再試，或按 Enter 開始新交易。</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>已取消</translation>
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
        <translation>正在與電子錢包撤銷付款。%1</translation>
    </message>
    <message>
        <source>Please wait: the till makes sure nothing is charged.</source>
        <translation>請稍候：收銀機正在確保沒有扣款。</translation>
    </message>
    <message>
        <source>Do not take this payment again. The till keeps checking it; see the history (Ctrl+H) or call a manager.</source>
        <translation>請勿再次收取這筆款項。收銀機會繼續核實；請查看交易記錄 (Ctrl+H) 或聯絡經理。</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Goods / note (optional, Ctrl+G)</source>
        <extracomment>A sale above this (minor units; 0: no limit) goes out only after a second Enter.</extracomment>
        <translation>貨品／備註（選填，Ctrl+G）</translation>
    </message>
    <message>
        <source>Scan customer code
(scan now)</source>
        <translation>掃描顧客付款碼
（請立即掃描）</translation>
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
        <translation>尚餘 %1 秒。按 Esc 取消。</translation>
    </message>
    <message>
        <source>Time is up: checking with QFPay whether the customer paid…</source>
        <translation>時間已到：正在向 QFPay 核實顧客是否已付款…</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>No more digits: that is the longest amount the till takes.</source>
        <translation>不能再輸入數字：已達收銀機接受的最長金額。</translation>
    </message>
    <message>
        <source>Key the amount first (more than zero).</source>
        <translation>請先輸入金額（必須大於零）。</translation>
    </message>
    <message>
        <source>%1 is more than %2. Check it, then press Enter again to confirm.</source>
        <translation>%1 超過 %2。請核對金額，然後再按一次 Enter 確認。</translation>
    </message>
    <message>
        <source>Key the amount in cents (1234 = 12.34), then Enter or scan.</source>
        <translation>以「仙」輸入金額（1234 = 12.34），然後按 Enter 或掃描。</translation>
    </message>
    <message>
        <source>Key the amount, then press Enter or scan.</source>
        <translation>輸入金額，然後按 Enter 或掃描。</translation>
    </message>
    <message>
        <source>Scan customer code
(key the amount, then scan)</source>
        <translation>掃描顧客付款碼
（輸入金額後掃描）</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s code now
(or press a wallet key)</source>
        <translation>請立即掃描顧客付款碼
（或按錢包鍵）</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s code now, or press a wallet key (F1…F%1). Esc: back.</source>
        <translation>請立即掃描顧客付款碼，或按錢包鍵 (F1…F%1)。Esc：返回。</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s code now. Esc: back.</source>
        <translation>請立即掃描顧客付款碼。Esc：返回。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Settings file</source>
        <extracomment>Environment variables that move the config and data directories (tests, kiosks).</extracomment>
        <translation>設定檔</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Export diagnostics to</source>
        <translation>匯出診斷資料至</translation>
    </message>
    <message>
        <source>Diagnostics not written</source>
        <translation>未能寫入診斷資料</translation>
    </message>
    <message>
        <source>Diagnostics written</source>
        <translation>已寫入診斷資料</translation>
    </message>
    <message>
        <source>Send this file to support:
%1</source>
        <translation>請將此檔案發送給客戶支援：
%1</translation>
    </message>
    <message>
        <source>Export diagnostics…</source>
        <translation>匯出診斷資料…</translation>
    </message>
    <message>
        <source>Settings are available once the till has started.</source>
        <translation>收銀機啟動後才可使用設定。</translation>
    </message>
    <message>
        <source>Settings saved. Restart the till to use them: language, printer, scanner, network and wallets change only after a restart. New cashier PINs are asked from the next start of a shift.</source>
        <translation>設定已儲存。請重新啟動收銀機以使用新設定：語言、打印機、掃描器、網絡及錢包要重新啟動後才會改變。新的收銀員密碼會在下一次開更時要求輸入。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up the till</source>
        <extracomment>The wizard&apos;s height when the screen allows it: the devices page in Chinese needs no scroll. Room kept for a window manager&apos;s title bar, which the available area does not subtract. The manager who opened the settings dialog with their PIN (F10); approves the managers added and the cashier PINs set on the staff page. None in the first run. Why the last Finish was refused (also shown in a message box).</extracomment>
        <translation>設定收銀機</translation>
    </message>
    <message>
        <source>Till settings</source>
        <translation>收銀機設定</translation>
    </message>
    <message>
        <source>Enter the app code and the client key first.</source>
        <translation>請先輸入 App code 及客戶密鑰。</translation>
    </message>
    <message>
        <source>A manager approves cashier PINs: enter a manager on this page.</source>
        <translation>收銀員密碼需由經理批准：請在此頁輸入一位經理。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未儲存</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <source>Your shop</source>
        <extracomment>Each language in its own script, so a reader of that language finds it.</extracomment>
        <translation>你的店舖</translation>
    </message>
    <message>
        <source>Printed at the top and bottom of every receipt.</source>
        <translation>會印在每張收據的頂部和底部。</translation>
    </message>
    <message>
        <source>e.g. Lucky Tea House</source>
        <translation>例如：好運茶樓</translation>
    </message>
    <message>
        <source>e.g. Thank you, see you soon!</source>
        <translation>例如：多謝惠顧，歡迎再來！</translation>
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
        <translation>收據結尾</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Manager and cashiers</source>
        <translation>經理及收銀員</translation>
    </message>
    <message>
        <source>Managers approve refunds and open these settings with a PIN.</source>
        <translation>經理以密碼批准退款及開啟這些設定。</translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation>4 至 8 位數字</translation>
    </message>
    <message>
        <source>one name per line, e.g.
Ann
Ben</source>
        <translation>每行一個名字，例如：
阿珊
阿邦</translation>
    </message>
    <message>
        <source>6 to 12 digits, or a passphrase</source>
        <translation>6 至 12 位數字，或一個密碼短語</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>設定密碼</translation>
    </message>
    <message>
        <source>Manager name</source>
        <translation>經理名稱</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再輸入密碼</translation>
    </message>
    <message>
        <source>Cashiers</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <source>Cashier PIN (optional)</source>
        <translation>收銀員密碼（可選）</translation>
    </message>
    <message numerus="yes">
        <source>This till has %n manager(s). Add another here, or leave it empty.</source>
        <translation>
            <numerusform>此收銀機已有 %n 位經理。可在此新增，或留空。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the first manager. Keep the PIN secret; it cannot be shown again.</source>
        <translation>請設定第一位經理。密碼請保密；之後不會再顯示。</translation>
    </message>
    <message>
        <source>Add the cashier&apos;s name above first.</source>
        <translation>請先在上面加入收銀員的名字。</translation>
    </message>
    <message>
        <source>New PIN for %1 is stored when you save (a manager approves it).</source>
        <translation>%1 的新密碼會在儲存時記錄（由經理批准）。</translation>
    </message>
    <message>
        <source>A till taking real money needs a manager: enter a name.</source>
        <translation>收取真實款項的收銀機必須有經理：請輸入名稱。</translation>
    </message>
    <message>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation>兩次輸入的密碼不同：請輸入相同的密碼兩次。</translation>
    </message>
</context>
<context>
    <name>TillPage</name>
    <message>
        <source>This till</source>
        <translation>這部收銀機</translation>
    </message>
    <message>
        <source>The till&apos;s name appears in the QFPay merchant portal beside each payment.</source>
        <translation>收銀機名稱會在 QFPay 商戶平台的每筆付款旁顯示。</translation>
    </message>
    <message>
        <source>e.g. Counter 1</source>
        <translation>例如：1 號櫃檯</translation>
    </message>
    <message>
        <source>This computer&apos;s time zone (now %1)</source>
        <translation>這部電腦的時區（現在為 %1）</translation>
    </message>
    <message>
        <source>Not sent (QFPay assumes UTC+8)</source>
        <translation>不傳送（QFPay 預設 UTC+8）</translation>
    </message>
    <message>
        <source>Keys are cents: typing 1 2 3 4 means 12.34</source>
        <translation>按鍵以「仙」計：輸入 1 2 3 4 即 12.34</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不設上限</translation>
    </message>
    <message>
        <source>Till name</source>
        <translation>收銀機名稱</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>時區</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>貨幣</translation>
    </message>
    <message>
        <source>Wallets</source>
        <translation>錢包</translation>
    </message>
    <message>
        <source>Largest sale</source>
        <translation>單筆上限</translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <source>Scanner: keyboard</source>
        <translation>掃描器：鍵盤模式</translation>
    </message>
    <message>
        <source>TRAINING — no real money</source>
        <translation>培訓 — 非真實款項</translation>
    </message>
    <message>
        <source>Gateway: checking…</source>
        <translation>網關：檢查中…</translation>
    </message>
    <message>
        <source>Gateway: online</source>
        <translation>網關：在線</translation>
    </message>
    <message>
        <source>Gateway: NOT REACHABLE</source>
        <translation>網關：無法連接</translation>
    </message>
    <message>
        <source>Till %1</source>
        <translation>收銀機 %1</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>收銀員：%1</translation>
    </message>
    <message>
        <source>Recovery: looking…</source>
        <translation>恢復：檢查中…</translation>
    </message>
    <message numerus="yes">
        <source>Recovering %n transaction(s)</source>
        <translation>
            <numerusform>正在恢復 %n 筆交易</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to recover</source>
        <translation>沒有待恢復交易</translation>
    </message>
    <message>
        <source>Proxy: %1</source>
        <translation>代理伺服器：%1</translation>
    </message>
    <message>
        <source>Own CA bundle</source>
        <translation>自訂 CA 憑證</translation>
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
        <translation>其他：不註明錢包</translation>
    </message>
    <message>
        <source>Training codes (last four digits): %1</source>
        <translation>培訓付款碼（最後四位數字）：%1</translation>
    </message>
    <message>
        <source>Generic code (%1), wallet by the first two digits: %2</source>
        <translation>通用付款碼（%1），按頭兩位數字分辨錢包：%2</translation>
    </message>
</context>
<context>
    <name>TrainingWallet</name>
    <message>
        <source>paid at once</source>
        <extracomment>respcd of the payment answer. respcd the order reaches once the pending enquiries are used up (&quot;&quot; = never). whether the enquiry counter applies (False: stays in progress until cancelled).</extracomment>
        <translation>即時付款</translation>
    </message>
    <message>
        <source>customer enters the password</source>
        <translation>顧客輸入密碼</translation>
    </message>
    <message>
        <source>wallet is processing</source>
        <translation>錢包處理中</translation>
    </message>
    <message>
        <source>insufficient balance</source>
        <translation>餘額不足</translation>
    </message>
    <message>
        <source>incorrect or expired code</source>
        <translation>付款碼錯誤或已過期</translation>
    </message>
    <message>
        <source>payment code expired</source>
        <translation>付款碼已過期</translation>
    </message>
    <message>
        <source>never answers</source>
        <translation>永不回應</translation>
    </message>
    <message>
        <source>waiting for the customer to scan</source>
        <extracomment>MPM orders wait for a simulated scan rather than for enquiries.</extracomment>
        <translation>等待顧客掃碼</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The till cannot start</source>
        <translation>收銀機無法啟動</translation>
    </message>
    <message>
        <source>The till stopped</source>
        <translation>收銀機已停止</translation>
    </message>
</context>
<context>
    <name>authcode</name>
    <message>
        <source>That was not a payment code.</source>
        <translation>這不是付款碼。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>the two PINs differ</source>
        <translation>兩次輸入的密碼不一致</translation>
    </message>
    <message>
        <source>only a manager can do this: name the approving manager with --by NAME</source>
        <translation>只有經理可以執行此操作：請用 --by NAME 指明批准的經理</translation>
    </message>
    <message>
        <source>Training mode uses built-in credentials; nothing to store.</source>
        <translation>培訓模式使用內置憑證，無需儲存。</translation>
    </message>
    <message>
        <source>The till window is not available in this installation</source>
        <extracomment>Commands implemented in :mod:`pos_app.cli.manage` (history, reports, notes, checks). Commands that may send money requests: an unexpected error there may leave one in flight. A log record carrying this attribute goes to ``till.log`` only.</extracomment>
        <translation>此安裝版本沒有收銀機視窗</translation>
    </message>
    <message>
        <source>Storage problem</source>
        <translation>儲存問題</translation>
    </message>
    <message>
        <source>Input too large or too deeply nested</source>
        <translation>輸入內容過大或層次過深</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外錯誤</translation>
    </message>
    <message>
        <source>A payment or refund may be in flight: run &apos;qfpay-pos recover&apos;.</source>
        <translation>可能有付款或退款仍在處理中：請執行 &apos;qfpay-pos recover&apos;。</translation>
    </message>
    <message>
        <source>(details in till.log)</source>
        <translation>（詳情見 till.log）</translation>
    </message>
    <message>
        <source>Interrupted before anything was sent.</source>
        <translation>在傳送任何資料前已中斷。</translation>
    </message>
    <message>
        <source>Input ended before it was complete.</source>
        <translation>輸入未完成便已結束。</translation>
    </message>
    <message>
        <source>Cancelling: waiting for the gateway to confirm...</source>
        <extracomment>Longest amount text worth parsing: TXAMT_MAX has 11 digits; anything longer is a typo. &quot;Not found&quot; is not a decline: right after a request it proves nothing (exit 4).</extracomment>
        <translation>取消中：等待網關確認...</translation>
    </message>
    <message>
        <source>Cancelled before the payment was sent.</source>
        <translation>付款送出前已取消。</translation>
    </message>
    <message>
        <source>Settings file:</source>
        <translation>設定檔：</translation>
    </message>
    <message>
        <source>(nothing was changed)</source>
        <translation>（沒有任何更改）</translation>
    </message>
    <message>
        <source>Training mode uses the built-in gateway; testing its connection.</source>
        <translation>訓練模式使用內置閘道；正在測試其連線。</translation>
    </message>
    <message>
        <source>Diagnostics written to</source>
        <translation>診斷資料已寫入</translation>
    </message>
    <message>
        <source>give --date or --from/--to, not both</source>
        <translation>請只提供 --date 或 --from/--to 其中之一</translation>
    </message>
    <message>
        <source>--to is before --from</source>
        <translation>--to 早於 --from</translation>
    </message>
    <message>
        <source>there is no Z report with that number</source>
        <translation>沒有此編號的 Z 報表</translation>
    </message>
    <message>
        <source>a Z report covers the whole day</source>
        <translation>Z 報表涵蓋整日</translation>
    </message>
    <message>
        <source>--z needs --manager NAME (and the PIN)</source>
        <translation>--z 需要 --manager NAME（及密碼）</translation>
    </message>
    <message>
        <source>QFPay serves statements only in production; the sandbox and test hosts do not. The file is saved as QFPay sends it (its columns are not documented).</source>
        <translation>QFPay 只在正式環境提供對賬單；沙盒及測試主機不提供。檔案按 QFPay 發送的原樣儲存（其欄位沒有文件說明）。</translation>
    </message>
    <message>
        <source>No head office: give --database or run &apos;qfpay-pos settings set chain.database postgresql://user@host/db&apos;</source>
        <translation>未設定總部：請提供 --database，或執行 &apos;qfpay-pos settings set chain.database postgresql://user@host/db&apos;</translation>
    </message>
    <message>
        <source>there is no cashier called {name} (see: cashier list)</source>
        <translation>沒有名叫 {name} 的收銀員（見：cashier list）</translation>
    </message>
    <message>
        <source>there is already a cashier called {name}</source>
        <translation>已經有一位名叫 {name} 的收銀員</translation>
    </message>
</context>
<context>
    <name>currencies</name>
    <message>
        <source>UAE Dirham</source>
        <extracomment>The gateway&apos;s documented field is Int(11): at most eleven digits.</extracomment>
        <translation>阿聯酋迪拉姆</translation>
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
        <translation>人民幣</translation>
    </message>
    <message>
        <source>Euro</source>
        <translation>歐元</translation>
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
        <translation>日圓</translation>
    </message>
    <message>
        <source>Myanmar Kyat</source>
        <translation>緬甸元</translation>
    </message>
    <message>
        <source>Malaysian Ringgit</source>
        <translation>馬來西亞令吉</translation>
    </message>
    <message>
        <source>Singapore Dollar</source>
        <translation>新加坡元</translation>
    </message>
    <message>
        <source>Thai Baht</source>
        <translation>泰銖</translation>
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
        <translation>X 報表（未日結）</translation>
    </message>
    <message>
        <source>Z REPORT {number} - DAY CLOSED</source>
        <translation>Z 報表 {number} - 已日結</translation>
    </message>
    <message>
        <source>From</source>
        <translation>由</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>結算時間</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>列印時間</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收銀機</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>結算人</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收銀員</translation>
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
        <translation>銷售</translation>
    </message>
    <message>
        <source>NOT SETTLED - finish before closing:</source>
        <translation>未完成 - 日結前請先處理：</translation>
    </message>
    <message>
        <source>No payments</source>
        <translation>沒有收款</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>錢包</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>貨幣</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>報表</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Reversals (not charged)</source>
        <translation>撤銷（未收費）</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>淨額</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <source>NEEDS ATTENTION - call a manager:</source>
        <translation>需要處理 - 請找經理：</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>The receipt could not be printed. Check the printer, then reprint from history.</source>
        <translation>未能列印收據。請檢查打印機，然後在交易記錄中重印。</translation>
    </message>
    <message>
        <source>Scanner connected</source>
        <extracomment>A line longer than this is noise (wrong baud rate, a stuck device), not a code. Cashier-facing words for each state; the UI translates them, ``detail`` stays technical.</extracomment>
        <translation>掃描器已連接</translation>
    </message>
    <message>
        <source>Scanner disconnected</source>
        <translation>掃描器已斷開</translation>
    </message>
    <message>
        <source>Scanner not available</source>
        <translation>掃描器無法使用</translation>
    </message>
    <message>
        <source>Scanner off</source>
        <translation>掃描器已關閉</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>Cancelled by the cashier.</source>
        <extracomment>Answers to a reversal/close meaning &quot;too late, the order is paid&quot;: proof of payment. Answers to a reversal/close meaning &quot;no such order&quot;. Enquiry records are searched this far either side of the journal&apos;s creation time, so a sale journaled at 23:59 on a month&apos;s last day is still found if the gateway filed it on the 1st (its clock may differ from the till&apos;s). 001 ignores the window when the order number is given, but a window that is sent must lie within one calendar month, so near a month end it is split in two (see ``EngineCore.query_windows``).</extracomment>
        <translation>已由收銀員取消。</translation>
    </message>
    <message>
        <source>The customer did not finish paying in time.</source>
        <translation>顧客未能在時限內完成付款。</translation>
    </message>
    <message>
        <source>Paid then reversed: the money went back to the customer.</source>
        <translation>付款後已撤銷：款項已退回顧客。</translation>
    </message>
    <message>
        <source>The order never reached the gateway; nothing was charged.</source>
        <translation>訂單未有送達網關；沒有扣款。</translation>
    </message>
    <message>
        <source>Possible double charge: the gateway shows {count} payments ({syssns}). A manager must check and refund one.</source>
        <translation>可能重複收款：網關顯示有 {count} 筆付款（{syssns}）。經理必須核實並退回其中一筆。</translation>
    </message>
    <message>
        <source>The cancellation is not confirmed yet; the till keeps checking. Do not hand over goods.</source>
        <translation>取消尚未確認；收銀機會繼續核實。請勿交出貨品。</translation>
    </message>
    <message>
        <source>Cannot reach QFPay (network?). The till keeps trying; keep the customer here.</source>
        <extracomment>Progress message (never a final reason): an exchange with the gateway broke. The UI shows it instead of &quot;waiting for the customer&quot;, so an outage never looks like a slow customer.</extracomment>
        <translation>無法連接 QFPay（網絡問題？）。收銀機會繼續嘗試；請顧客稍等。</translation>
    </message>
    <message>
        <source>QFPay shows no record of this payment yet. The till finishes the cancellation once it can no longer arrive there. Do not hand over goods.</source>
        <extracomment>Progress message: the cancel waits until the payment can no longer reach QFPay.</extracomment>
        <translation>QFPay 暫時沒有這筆付款的紀錄。待這筆付款不可能再到達 QFPay，收銀機便會完成取消。請勿交出貨品。</translation>
    </message>
    <message>
        <source>Payment successful.</source>
        <translation>付款成功。</translation>
    </message>
    <message>
        <source>The customer paid before the cancellation arrived: the sale is paid.</source>
        <translation>顧客在取消生效前已付款：這筆交易已付款。</translation>
    </message>
    <message>
        <source>The gateway keeps answering with another amount or currency for this order: a manager must check it in the merchant portal.</source>
        <translation>支付網關對這張訂單一直回覆不同的金額或貨幣：經理必須在商戶平台核對。</translation>
    </message>
    <message>
        <source>The gateway&apos;s answers disagree (the cancellation was refused as already paid, while the enquiry shows the order cancelled or failed): a manager must check this sale in the merchant portal.</source>
        <translation>支付網關的回覆互相矛盾（取消被拒並稱已付款，但查詢顯示訂單已取消或失敗）：經理必須在商戶平台核查這宗交易。</translation>
    </message>
    <message>
        <source>Nothing was sent or processed: {error}</source>
        <translation>沒有送出或處理任何請求：{error}</translation>
    </message>
    <message>
        <source>This sale is already paid.</source>
        <translation>這筆交易已付款。</translation>
    </message>
    <message>
        <source>The gateway did not send a QR code; the order was closed. Try again.</source>
        <translation>網關沒有傳回二維碼；訂單已關閉。請再試。</translation>
    </message>
    <message>
        <source>No such transaction.</source>
        <translation>沒有這筆交易。</translation>
    </message>
    <message>
        <source>The previous attempt of this sale is still being checked; wait for it before taking another payment.</source>
        <translation>這筆交易的上一次嘗試仍在核實中；請等待結果，然後才再次收款。</translation>
    </message>
    <message>
        <source>An earlier payment is still not settled; the till cannot take a new payment until it is. Run recovery (or wait), then try again.</source>
        <translation>較早一筆付款仍未確定結果；確定之前收銀機不能接受新付款。請執行復原（或稍候），然後再試。</translation>
    </message>
    <message>
        <source>An earlier payment for the same amount was just found PAID: the customer may have paid already. Check before charging again; nothing was sent.</source>
        <extracomment>The ``RecoveryReport`` of the settling run that failed (set by the engine).</extracomment>
        <translation>剛發現較早一筆相同金額的付款已成功：顧客可能已經付款。再次收款前請先核對；今次沒有送出任何請求。</translation>
    </message>
    <message>
        <source>The journal file cannot be opened: {error}</source>
        <extracomment>The pay type the gateway&apos;s answer named (the actual wallet behind a generic CPM code); None until an answer that is evidence for this order names one. Until when the request that opened this row may still be with the gateway: wall clock, and the monotonic clock of the boot that sent it (``engine.in_flight``). None: an older till&apos;s row. A new row, every column given (``create`` builds the record from the same tuple). A row&apos;s state and its claim, read once inside the transaction that moves it. A move, returning the new row (``RETURNING``: no second read in the payment&apos;s path). The non-final states, in the words of the partial index ``transactions_open`` (schema step 7: OR terms, not ``IN``, which costs every write a throwaway table). Parenthesised, so callers may append ``AND ...``. This open journal&apos;s claims on transactions (``label`` names it in refusals).</extracomment>
        <translation>無法開啟交易日誌檔案：{error}</translation>
    </message>
    <message>
        <source>The journal file is not a till journal or is damaged ({error}); keep it for support and do not delete it.</source>
        <translation>交易日誌檔案不是收銀機日誌或已損壞（{error}）；請保留檔案交技術支援處理，切勿刪除。</translation>
    </message>
    <message>
        <source>The journal was written by a newer version of the till.</source>
        <translation>交易日誌由較新版本的收銀機寫入。</translation>
    </message>
    <message>
        <source>A PIN is 6 to 12 digits, or a passphrase of 10 to 128 characters.</source>
        <extracomment>PIN rules: at least 6 digits (a million values), or a passphrase.</extracomment>
        <translation>密碼為 6 至 12 位數字，或 10 至 128 個字元的密碼短語。</translation>
    </message>
    <message>
        <source>Wrong manager name or PIN.</source>
        <translation>經理名稱或密碼錯誤。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: manager {name} is locked for {duration} (until {until}). Another manager can lift the lock now (manager unlock), or wait until then.</source>
        <translation>密碼錯誤次數太多：經理 {name} 已被鎖定 {duration}（直至 {until}）。另一位經理可以立即解鎖（manager unlock），或等到該時間。</translation>
    </message>
    <message>
        <source>Only a manager can do this: give an existing manager&apos;s name and PIN.</source>
        <translation>只有經理可以執行此操作：請輸入現有經理的名稱及密碼。</translation>
    </message>
    <message>
        <source>There is already a manager called {name}; change their PIN instead.</source>
        <translation>已有名為 {name} 的經理；請改為更改其密碼。</translation>
    </message>
    <message>
        <source>There is no manager called {name}.</source>
        <translation>沒有名為 {name} 的經理。</translation>
    </message>
    <message>
        <source>The last manager cannot be removed.</source>
        <translation>不能刪除最後一位經理。</translation>
    </message>
    <message>
        <source>Closed by recovery: the sale was interrupted.</source>
        <translation>已由恢復程序關閉：交易曾被中斷。</translation>
    </message>
    <message>
        <source>Possible double charge: an interrupted sale was paid, and a later sale for the same amount was paid too. A manager must check both and refund one if needed.</source>
        <translation>可能重複收款：一筆中斷的交易已付款，之後另一筆相同金額的交易亦已付款。經理必須核對兩筆交易，如有需要退回其中一筆。</translation>
    </message>
    <message>
        <source>No paid payment with that transaction number.</source>
        <translation>沒有這個交易編號的已付款交易。</translation>
    </message>
    <message>
        <source>The original payment could not be looked up now. Try again.</source>
        <translation>暫時無法查找原付款。請再試。</translation>
    </message>
    <message>
        <source>Payments of this type cannot be refunded.</source>
        <translation>這類付款不能退款。</translation>
    </message>
    <message>
        <source>At most {remaining} (minor units) can still be refunded.</source>
        <translation>最多尚可退款 {remaining}（最小貨幣單位）。</translation>
    </message>
    <message>
        <source>The gateway has not shown this refund for a long time; its amount stays held back. A manager must check it in the merchant portal.</source>
        <translation>支付網關很久都未顯示這筆退款；其金額繼續保留。經理必須在商戶平台核對。</translation>
    </message>
    <message>
        <source>The original payment is in {currency}; enter the refund amount in {currency}.</source>
        <translation>原付款以 {currency} 結算；請以 {currency} 輸入退款金額。</translation>
    </message>
    <message>
        <source>Refund successful.</source>
        <translation>退款成功。</translation>
    </message>
    <message>
        <source>The refund result is not known yet; the till keeps checking. Do not refund again.</source>
        <translation>退款結果尚未確定；收銀機會繼續核實。請勿再次退款。</translation>
    </message>
    <message>
        <source>The day cannot be closed while transactions are still open: let recovery finish them first.</source>
        <translation>仍有未完成的交易，不能日結：請先讓恢復程序完成這些交易。</translation>
    </message>
    <message>
        <source>The note is empty.</source>
        <translation>備註是空的。</translation>
    </message>
    <message>
        <source>A note may be at most 200 characters long.</source>
        <translation>備註最多 200 個字元。</translation>
    </message>
    <message>
        <source>This till has no transaction with that QFPay number.</source>
        <translation>此收銀機沒有該 QFPay 編號的交易。</translation>
    </message>
    <message>
        <source>The {what} is empty.</source>
        <extracomment>Unicode categories refused anywhere in a name: controls (incl. ESC), format characters (bidi overrides, zero-width joiners), separators other than the plain space, unassigned.</extracomment>
        <translation>{what}是空白的。</translation>
    </message>
    <message>
        <source>The {what} is longer than {limit} characters.</source>
        <translation>{what}超過 {limit} 個字元。</translation>
    </message>
    <message>
        <source>The {what} contains control characters or invisible formatting; type it again.</source>
        <translation>{what}含有控制字元或隱藏格式；請重新輸入。</translation>
    </message>
    <message>
        <source>Another till process is working on this transaction: {owner}. Leave it to it.</source>
        <extracomment>How long a claim stays valid without renewal; renewed every LEASE_SECONDS / 4.</extracomment>
        <translation>另一個收銀程序正在處理此交易：{owner}。請交由它處理。</translation>
    </message>
    <message>
        <source>Another till process took this transaction over ({owner}); its outcome is what that process finds. Check it with &apos;recover&apos; or in the history.</source>
        <translation>另一個收銀程序已接手此交易（{owner}）；結果以該程序查到的為準。請用「recover」或在記錄中查看。</translation>
    </message>
    <message>
        <source>The journal {path} is damaged ({detail}). The till stopped so that nothing is lost. Keep this file for support; do not delete it. To continue: close every till window and command, copy the newest file from {backups} in its place (after moving the damaged one aside), start the till and run &apos;recover&apos;.</source>
        <extracomment>A journal is backed up at start when its newest backup is older than this.</extracomment>
        <translation>交易日誌 {path} 已損壞（{detail}）。收銀機已停止，以免遺失任何資料。請保留此檔案供支援人員查看，切勿刪除。如要繼續：關閉所有收銀視窗及指令，把損壞的檔案移開，再把 {backups} 中最新的檔案複製到原位，啟動收銀機並執行「recover」。</translation>
    </message>
    <message>
        <source>The journal {path} has disappeared or was emptied, although the till created it here. Unfinished sales may be recorded only there. The till will not start a new empty journal: restore it from {backups} (or from your own backup) and run &apos;recover&apos;.</source>
        <translation>交易日誌 {path} 已消失或被清空，但收銀機曾在此建立它。未完成的交易可能只記錄在其中。收銀機不會建立新的空白日誌：請從 {backups}（或你自己的備份）還原，然後執行「recover」。</translation>
    </message>
    <message>
        <source>The disk holding the journal is full ({path}): free some space.</source>
        <translation>存放交易日誌的磁碟已滿（{path}）：請騰出空間。</translation>
    </message>
    <message>
        <source>The journal&apos;s storage is read-only ({path}): it must be writable.</source>
        <translation>交易日誌的儲存裝置是唯讀的（{path}）：必須可以寫入。</translation>
    </message>
    <message>
        <source>The journal&apos;s disk failed to read or write ({path}): check the storage.</source>
        <translation>交易日誌的磁碟讀寫失敗（{path}）：請檢查儲存裝置。</translation>
    </message>
    <message>
        <source>The journal is held by another till process for too long ({path}); try again.</source>
        <translation>交易日誌被另一個收銀程序佔用太久（{path}）；請再試。</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>沒有傳送任何資料。</translation>
    </message>
    <message>
        <source>The payment may already be with the gateway: do not take it again. Once the journal is restored, check it with &apos;query&apos; or &apos;recover&apos;.</source>
        <translation>這筆付款可能已送達支付網關：切勿再次收款。交易日誌還原後，請以「query」或「recover」核對。</translation>
    </message>
    <message>
        <source>The payment may already be with the gateway: do not take it again. Free the space, then run &apos;recover&apos; to finish it.</source>
        <translation>這筆付款可能已送達支付網關：切勿再次收款。請騰出空間，然後執行「recover」完成它。</translation>
    </message>
    <message>
        <source>A cashier&apos;s PIN is 4 to 8 digits.</source>
        <translation>收銀員密碼為 4 至 8 位數字。</translation>
    </message>
    <message>
        <source>Wrong PIN for {name}.</source>
        <translation>{name} 的密碼錯誤。</translation>
    </message>
    <message>
        <source>Too many wrong PINs: {name} is locked for {duration} (until {until}). A manager can set a new PIN now (cashier set-pin), or wait until then.</source>
        <translation>密碼錯誤次數太多：{name} 已被鎖定 {duration}（直至 {until}）。經理可立即設定新密碼（cashier set-pin），或等到該時間。</translation>
    </message>
    <message>
        <source>{name} has no PIN.</source>
        <translation>{name} 沒有密碼。</translation>
    </message>
    <message>
        <source>This till was held up before the request could leave (the computer was busy or paused), so it was not sent. Nothing was charged or refunded: try again.</source>
        <translation>此收銀機在請求發出前被拖延（電腦忙碌或暫停），所以請求沒有發出。沒有扣款或退款：請再試一次。</translation>
    </message>
</context>
<context>
    <name>paytypes</name>
    <message>
        <source>Customer shows code: WeChat Pay, Alipay, UnionPay or PayMe</source>
        <extracomment>Card-present types from 002 (Visa/Mastercard, UnionPay card, Amex offline): handled by a card terminal, not by a QR flow, so a till never offers them. Types the reference says do not refund (002: &quot;802001 does not support refunds&quot;). The MPM/online types whose QR expiry can be set (001&apos;s list under ``expired_time``). CPM/MPM codes a counter till must not offer even though they are QR flows.</extracomment>
        <translation>顧客出示付款碼：微信支付、支付寶、銀聯或 PayMe</translation>
    </message>
    <message>
        <source>Alipay, till shows QR code (overseas merchant)</source>
        <translation>支付寶，收銀機顯示二維碼（境外商戶）</translation>
    </message>
    <message>
        <source>Alipay service window H5</source>
        <translation>支付寶服務窗 H5</translation>
    </message>
    <message>
        <source>Alipay, customer shows code</source>
        <translation>支付寶，顧客出示付款碼</translation>
    </message>
    <message>
        <source>Alipay web payment (overseas)</source>
        <translation>支付寶網頁支付（境外）</translation>
    </message>
    <message>
        <source>Alipay WAP payment (overseas)</source>
        <translation>支付寶 WAP 支付（境外）</translation>
    </message>
    <message>
        <source>Alipay in-app payment (overseas)</source>
        <translation>支付寶 App 內支付（境外）</translation>
    </message>
    <message>
        <source>Alipay online WAP payment (overseas)</source>
        <translation>支付寶網上 WAP 支付（境外）</translation>
    </message>
    <message>
        <source>Alipay online QR code payment (overseas)</source>
        <translation>支付寶網上二維碼支付（境外）</translation>
    </message>
    <message>
        <source>Alipay HK, till shows QR code</source>
        <translation>支付寶香港，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>Alipay HK in-app payment</source>
        <translation>支付寶香港 App 內支付</translation>
    </message>
    <message>
        <source>Alipay HK WAP payment</source>
        <translation>支付寶香港 WAP 支付</translation>
    </message>
    <message>
        <source>Alipay HK web payment</source>
        <translation>支付寶香港網頁支付</translation>
    </message>
    <message>
        <source>Alipay pre-authorisation, customer shows code</source>
        <translation>支付寶預授權，顧客出示付款碼</translation>
    </message>
    <message>
        <source>Alipay pre-authorisation, till shows QR code</source>
        <translation>支付寶預授權，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>Alipay pre-authorisation in-app</source>
        <translation>支付寶預授權 App 內支付</translation>
    </message>
    <message>
        <source>Alipay pre-authorisation online</source>
        <translation>支付寶預授權網上支付</translation>
    </message>
    <message>
        <source>WeChat Pay, till shows QR code</source>
        <translation>微信支付，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>WeChat Pay official account (JSAPI)</source>
        <translation>微信支付公眾號 (JSAPI)</translation>
    </message>
    <message>
        <source>WeChat Pay, customer shows code</source>
        <translation>微信支付，顧客出示付款碼</translation>
    </message>
    <message>
        <source>WeChat Pay in-app payment</source>
        <translation>微信支付 App 內支付</translation>
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
        <translation>微信支付香港，顧客出示付款碼</translation>
    </message>
    <message>
        <source>WeChat Pay HK in-app payment</source>
        <translation>微信支付香港 App 內支付</translation>
    </message>
    <message>
        <source>UnionPay QuickPass, till shows QR code</source>
        <translation>銀聯雲閃付，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>UnionPay QuickPass, customer shows code</source>
        <translation>銀聯雲閃付，顧客出示付款碼</translation>
    </message>
    <message>
        <source>UnionPay WAP payment (HK)</source>
        <translation>銀聯 WAP 支付（香港）</translation>
    </message>
    <message>
        <source>UnionPay web payment (HK)</source>
        <translation>銀聯網頁支付（香港）</translation>
    </message>
    <message>
        <source>PayMe, till shows QR code</source>
        <translation>PayMe，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>PayMe, customer shows code</source>
        <translation>PayMe，顧客出示付款碼</translation>
    </message>
    <message>
        <source>PayMe WAP payment</source>
        <translation>PayMe WAP 支付</translation>
    </message>
    <message>
        <source>PayMe web payment</source>
        <translation>PayMe 網頁支付</translation>
    </message>
    <message>
        <source>FPS, till shows QR code (no refunds)</source>
        <translation>轉數快，收銀機顯示二維碼（不設退款）</translation>
    </message>
    <message>
        <source>Octopus, till shows QR code</source>
        <translation>八達通，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>Octopus WAP payment</source>
        <translation>八達通 WAP 支付</translation>
    </message>
    <message>
        <source>Octopus web payment</source>
        <translation>八達通網頁支付</translation>
    </message>
    <message>
        <source>LINE Pay, customer shows code</source>
        <translation>LINE Pay，顧客出示付款碼</translation>
    </message>
    <message>
        <source>LINE Pay online payment</source>
        <translation>LINE Pay 網上支付</translation>
    </message>
    <message>
        <source>AirPay, customer shows code</source>
        <translation>AirPay，顧客出示付款碼</translation>
    </message>
    <message>
        <source>AirPay online payment</source>
        <translation>AirPay 網上支付</translation>
    </message>
    <message>
        <source>NETSPay, till shows QR code</source>
        <translation>NETSPay，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>Origami, customer shows code</source>
        <translation>Origami，顧客出示付款碼</translation>
    </message>
    <message>
        <source>PayNow, till shows QR code</source>
        <translation>PayNow，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>PromptPay, till shows QR code</source>
        <translation>PromptPay，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>eWallet, till shows QR code</source>
        <translation>eWallet，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>eWallet, customer shows code</source>
        <translation>eWallet，顧客出示付款碼</translation>
    </message>
    <message>
        <source>VIA, till shows QR code</source>
        <translation>VIA，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>VIA, customer shows code</source>
        <translation>VIA，顧客出示付款碼</translation>
    </message>
    <message>
        <source>Touch &apos;n Go, customer shows code</source>
        <translation>Touch &apos;n Go，顧客出示付款碼</translation>
    </message>
    <message>
        <source>Touch &apos;n Go online payment</source>
        <translation>Touch &apos;n Go 網上支付</translation>
    </message>
    <message>
        <source>Razer, till shows QR code</source>
        <translation>Razer，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>Razer, customer shows code</source>
        <translation>Razer，顧客出示付款碼</translation>
    </message>
    <message>
        <source>Razer online payment</source>
        <translation>Razer 網上支付</translation>
    </message>
    <message>
        <source>Dash, till shows QR code</source>
        <translation>Dash，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>Dash, customer shows code</source>
        <translation>Dash，顧客出示付款碼</translation>
    </message>
    <message>
        <source>Boost, till shows QR code</source>
        <translation>Boost，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>Boost, customer shows code</source>
        <translation>Boost，顧客出示付款碼</translation>
    </message>
    <message>
        <source>Boost online payment</source>
        <translation>Boost 網上支付</translation>
    </message>
    <message>
        <source>Maybank, till shows QR code</source>
        <translation>Maybank，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>Maybank, customer shows code</source>
        <translation>Maybank，顧客出示付款碼</translation>
    </message>
    <message>
        <source>Maybank online payment</source>
        <translation>Maybank 網上支付</translation>
    </message>
    <message>
        <source>GrabPay, till shows QR code</source>
        <translation>GrabPay，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>GrabPay, customer shows code (Malaysia)</source>
        <translation>GrabPay，顧客出示付款碼（馬來西亞）</translation>
    </message>
    <message>
        <source>GrabPay online payment</source>
        <translation>GrabPay 網上支付</translation>
    </message>
    <message>
        <source>TrueMoney, customer shows code</source>
        <translation>TrueMoney，顧客出示付款碼</translation>
    </message>
    <message>
        <source>ThaiQR, till shows QR code (Singapore merchant)</source>
        <translation>ThaiQR，收銀機顯示二維碼（新加坡商戶）</translation>
    </message>
    <message>
        <source>GoPay, till shows QR code</source>
        <translation>GoPay，收銀機顯示二維碼</translation>
    </message>
    <message>
        <source>GoPay WAP payment</source>
        <translation>GoPay WAP 支付</translation>
    </message>
    <message>
        <source>Visa / Mastercard online</source>
        <translation>Visa / Mastercard 網上支付</translation>
    </message>
    <message>
        <source>Visa / Mastercard card present</source>
        <translation>Visa / Mastercard 實體卡</translation>
    </message>
    <message>
        <source>Apple Pay online</source>
        <translation>Apple Pay 網上支付</translation>
    </message>
    <message>
        <source>UnionPay card present</source>
        <translation>銀聯實體卡</translation>
    </message>
    <message>
        <source>American Express card present</source>
        <translation>American Express 實體卡</translation>
    </message>
</context>
<context>
    <name>receipt</name>
    <message>
        <source>TRAINING — NOT A REAL PAYMENT</source>
        <translation>訓練 — 並非真實付款</translation>
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
        <translation>顧客存根</translation>
    </message>
    <message>
        <source>Merchant copy</source>
        <translation>商戶存根</translation>
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
        <translation>已拒絕</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>處理中</translation>
    </message>
    <message>
        <source>Being checked</source>
        <translation>核對中</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要處理</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收銀機</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>錢包</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Transaction no.</source>
        <translation>交易編號</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>訂單編號</translation>
    </message>
    <message>
        <source>Payment code</source>
        <translation>付款碼</translation>
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
        <translation>多謝惠顧</translation>
    </message>
</context>
<context>
    <name>receipts</name>
    <message>
        <source>The receipt could not be printed: the transaction is not in the journal.</source>
        <translation>未能列印收據：交易日誌中沒有這筆交易。</translation>
    </message>
</context>
<context>
    <name>reconcile</name>
    <message>
        <source>at QFPay but not in this till&apos;s journal</source>
        <translation>QFPay 有記錄，但此收銀機的日誌沒有</translation>
    </message>
    <message>
        <source>in the journal but not at QFPay</source>
        <translation>日誌有記錄，但 QFPay 沒有</translation>
    </message>
    <message>
        <source>the state differs</source>
        <translation>狀態不相符</translation>
    </message>
    <message>
        <source>the amount or currency differs</source>
        <translation>金額或貨幣不相符</translation>
    </message>
    <message>
        <source>still open in the journal: recovery can settle it</source>
        <translation>日誌中仍未完成：恢復程序可以處理</translation>
    </message>
    <message>
        <source>QFPay shows more than one success</source>
        <translation>QFPay 顯示多於一筆成功交易</translation>
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
        <translation>處理中</translation>
    </message>
    <message>
        <source>Being checked</source>
        <translation>核實中</translation>
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
        <translation>被拒絕</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>已撤銷</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已關閉</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要處理</translation>
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
        <translation>支付系統正在維護。請稍後再試。</translation>
    </message>
    <message>
        <source>The cancellation failed. Check the transaction, then try again.</source>
        <translation>取消失敗。請檢查交易，然後再試。</translation>
    </message>
    <message>
        <source>This order was already sent. Check its result before trying again.</source>
        <translation>此訂單已經送出。請先查看結果，然後才再試。</translation>
    </message>
    <message>
        <source>The till sent a malformed request. Call support.</source>
        <translation>收銀機送出的請求格式錯誤。請聯絡技術支援。</translation>
    </message>
    <message>
        <source>The till sent a wrong value. Call support.</source>
        <translation>收銀機送出的數值錯誤。請聯絡技術支援。</translation>
    </message>
    <message>
        <source>This till is not activated for payments. Call support.</source>
        <translation>此收銀機未開通收款功能。請聯絡技術支援。</translation>
    </message>
    <message>
        <source>This till is not recognised by the payment system. Call support.</source>
        <translation>支付系統無法識別此收銀機。請聯絡技術支援。</translation>
    </message>
    <message>
        <source>This till is not allowed to take payments. Call support.</source>
        <translation>此收銀機不獲准收款。請聯絡技術支援。</translation>
    </message>
    <message>
        <source>The payment key is wrong. A manager must check the settings.</source>
        <translation>付款密鑰錯誤。經理必須檢查設定。</translation>
    </message>
    <message>
        <source>The transaction was not found. Check the receipt number.</source>
        <translation>找不到這筆交易。請檢查收據編號。</translation>
    </message>
    <message>
        <source>This order is already closed. Start a new sale.</source>
        <translation>此訂單已關閉。請開始新交易。</translation>
    </message>
    <message>
        <source>Waiting for the customer to confirm on their phone.</source>
        <translation>等待顧客在手機上確認。</translation>
    </message>
    <message>
        <source>Processing, please wait.</source>
        <translation>處理中，請稍候。</translation>
    </message>
    <message>
        <source>WeChat Pay refused the payment. Ask for another payment method.</source>
        <translation>微信支付拒絕了這筆付款。請顧客改用其他付款方式。</translation>
    </message>
    <message>
        <source>This account cannot cancel transactions. Refund it instead.</source>
        <translation>此帳戶不能取消交易。請改為退款。</translation>
    </message>
    <message>
        <source>This transaction has already been refunded. Check its refunds before trying again.</source>
        <translation>這筆交易已經退款。請先查看退款記錄，然後才再試。</translation>
    </message>
    <message>
        <source>The refund was refused. Check the sale in the merchant portal or call support.</source>
        <translation>退款被拒絕。請在商戶後台查看交易，或聯絡技術支援。</translation>
    </message>
    <message>
        <source>The order expired. Start the payment again.</source>
        <translation>訂單已過期。請重新收款。</translation>
    </message>
    <message>
        <source>Not enough balance. Ask for another payment method.</source>
        <translation>餘額不足。請顧客改用其他付款方式。</translation>
    </message>
    <message>
        <source>The payment code is wrong or expired. Ask the customer to refresh it and scan again.</source>
        <translation>付款碼錯誤或已過期。請顧客刷新付款碼後再掃描。</translation>
    </message>
    <message>
        <source>The merchant account is not set up for this wallet. Call support.</source>
        <translation>商戶帳戶未開通此電子錢包。請聯絡技術支援。</translation>
    </message>
    <message>
        <source>The customer&apos;s bank refused. Ask for another payment method.</source>
        <translation>顧客的銀行拒絕了付款。請顧客改用其他付款方式。</translation>
    </message>
    <message>
        <source>The payment failed. Try again later or use another payment method.</source>
        <translation>付款失敗。請稍後再試或改用其他付款方式。</translation>
    </message>
    <message>
        <source>Ask the customer to show their UnionPay overseas payment code.</source>
        <translation>請顧客出示銀聯境外付款碼。</translation>
    </message>
    <message>
        <source>The store is not set up for payments. Do not take payments; call support.</source>
        <translation>商店未開通收款。請勿收款；請聯絡技術支援。</translation>
    </message>
    <message>
        <source>The store is not configured for payments. Call support.</source>
        <translation>商店的收款設定未完成。請聯絡技術支援。</translation>
    </message>
    <message>
        <source>The store has been disabled. Do not take payments; contact the owner.</source>
        <translation>商店已被停用。請勿收款；請聯絡店主。</translation>
    </message>
    <message>
        <source>This transaction is not allowed. Contact QFPay support.</source>
        <translation>不允許這筆交易。請聯絡 QFPay 技術支援。</translation>
    </message>
    <message>
        <source>The store configuration has a problem being fixed. Try again later.</source>
        <translation>商店設定出現問題，正在修正中。請稍後再試。</translation>
    </message>
    <message>
        <source>The payment system had an error. Try again later.</source>
        <translation>支付系統發生錯誤。請稍後再試。</translation>
    </message>
    <message>
        <source>The payment system has a problem. Try again later.</source>
        <translation>支付系統出現問題。請稍後再試。</translation>
    </message>
    <message>
        <source>This order is already paid. Check it before doing anything else.</source>
        <translation>此訂單已付款。請先核實，然後才進行其他操作。</translation>
    </message>
    <message>
        <source>This order is not paid. Check it before doing anything else.</source>
        <translation>此訂單未付款。請先核實，然後才進行其他操作。</translation>
    </message>
    <message>
        <source>This order was refunded. Check it before doing anything else.</source>
        <translation>此訂單已退款。請先核實，然後才進行其他操作。</translation>
    </message>
    <message>
        <source>This order was cancelled. Check it before doing anything else.</source>
        <translation>此訂單已取消。請先核實，然後才進行其他操作。</translation>
    </message>
    <message>
        <source>This order was closed. Check it before doing anything else.</source>
        <translation>此訂單已關閉。請先核實，然後才進行其他操作。</translation>
    </message>
    <message>
        <source>This transaction cannot be refunded now: no refunds between 23:30 and 00:30, nor for promotions. Try again after 00:30.</source>
        <translation>這筆交易現在不能退款：23:30 至 00:30 期間及推廣優惠交易均不設退款。請於 00:30 後再試。</translation>
    </message>
    <message>
        <source>Not enough unsettled takings today to pay this refund. Try again after more sales, or call support.</source>
        <translation>今日未結算的收款不足以支付這筆退款。請在有更多銷售後再試，或聯絡技術支援。</translation>
    </message>
    <message>
        <source>This currency allows only full refunds. Refund the whole amount instead.</source>
        <translation>此貨幣只接受全數退款。請改為退回全數金額。</translation>
    </message>
    <message>
        <source>This transaction allows only a full refund. Refund the whole amount instead.</source>
        <translation>這筆交易只接受全數退款。請改為退回全數金額。</translation>
    </message>
    <message>
        <source>The refund is more than what is left of the payment. Enter a smaller amount.</source>
        <translation>退款金額超過這筆付款的剩餘金額。請輸入較小的金額。</translation>
    </message>
    <message>
        <source>The amount does not match the order. Check the order.</source>
        <translation>金額與訂單不符。請檢查訂單。</translation>
    </message>
    <message>
        <source>The order details do not match. Check the order.</source>
        <translation>訂單資料不符。請檢查訂單。</translation>
    </message>
    <message>
        <source>The order was not found. Check the receipt number.</source>
        <translation>找不到訂單。請檢查收據編號。</translation>
    </message>
    <message>
        <source>The bank blocked this payment. Ask for another payment method.</source>
        <translation>銀行攔截了這筆付款。請顧客改用其他付款方式。</translation>
    </message>
    <message>
        <source>The connection is slow. Waiting for the result; do not pay again.</source>
        <translation>網絡連線緩慢。正在等待結果；請勿重複付款。</translation>
    </message>
    <message>
        <source>The bank is busy. Try again later or use another payment method.</source>
        <translation>銀行繁忙。請稍後再試或改用其他付款方式。</translation>
    </message>
    <message>
        <source>The connection is slow. If the customer has paid, do not pay again; waiting for the result.</source>
        <translation>網絡連線緩慢。如顧客已付款，請勿重複付款；正在等待結果。</translation>
    </message>
    <message>
        <source>This order number was already used. Check the order before trying again.</source>
        <translation>此訂單編號已被使用。請先檢查訂單，然後才再試。</translation>
    </message>
    <message>
        <source>Unknown answer: check the transaction before trying again.</source>
        <extracomment>Refusals caused by the till&apos;s own setup (parameters such as a wrong mchid, the app code, the device, the signing key): the gateway processed nothing, and repeating the request would be refused the same way until a person fixes the configuration.</extracomment>
        <translation>未知回應：請先檢查交易，然後才再試。</translation>
    </message>
</context>
<context>
    <name>wallets</name>
    <message>
        <source>QR wallet</source>
        <extracomment>Wallets whose name customers read in their own language (the others are brand names every language writes the same); the wallet table&apos;s English name is the source text.</extracomment>
        <translation>QR 錢包</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付寶</translation>
    </message>
    <message>
        <source>Alipay HK</source>
        <translation>支付寶香港</translation>
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
        <translation>銀聯</translation>
    </message>
    <message>
        <source>UnionPay card</source>
        <translation>銀聯卡</translation>
    </message>
    <message>
        <source>FPS</source>
        <translation>轉數快</translation>
    </message>
    <message>
        <source>Octopus</source>
        <translation>八達通</translation>
    </message>
    <message>
        <source>eWallet</source>
        <translation>電子錢包</translation>
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
        <translation>發生錯誤。詳情已寫入日誌。</translation>
    </message>
</context>
</TS>
