<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK">
<context>
    <name></name>
    <message>
        <source>title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day close %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refunds %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No payments today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NET %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still being checked (not counted):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEEDS ATTENTION (not counted):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>No credentials stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both the app code and the client key are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client key contains characters that cannot be right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training mode uses built-in credentials</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Please scan to pay</source>
        <extracomment>Width of the customer window when it shares the till&apos;s only screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulate customer scan (training) [F12]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan with %1</source>
        <translation>請用 %1 掃描</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>多謝！</translation>
    </message>
    <message>
        <source>Code valid for %1</source>
        <translation>二維碼有效時間 %1</translation>
    </message>
</context>
<context>
    <name>DayCloseDialog</name>
    <message>
        <source>Day close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All transactions settled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s) not settled: see below.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Today&apos;s transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QFPay number (syssn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint receipt [Ctrl+P]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund… [Ctrl+R]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete the last digit (Backspace)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the amount (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>QFPay till %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRAINING MODE — practice only, no real money moves</source>
        <translation>培訓模式 — 只作練習，不涉及真實款項</translation>
    </message>
    <message>
        <source>Refund [Ctrl+R]</source>
        <translation>退款 [Ctrl+R]</translation>
    </message>
    <message>
        <source>History [Ctrl+H]</source>
        <translation>交易記錄 [Ctrl+H]</translation>
    </message>
    <message>
        <source>Day close [Ctrl+D]</source>
        <translation>日結 [Ctrl+D]</translation>
    </message>
    <message>
        <source>Customer screen [Ctrl+K]</source>
        <translation>顧客屏幕 [Ctrl+K]</translation>
    </message>
    <message>
        <source>Recovered at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the till…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The till cannot start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The till is still starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan ignored: a payment is already in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan ignored: key the amount and press Enter first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till %1</source>
        <translation type="vanished">收銀機 %1</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Checking %n unfinished transaction(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Payment in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A payment is still in progress. Closing now does not lose it: the till finishes it, or checks it again at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the till open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close when the payment is finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing when the payment is finished…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund (manager)</source>
        <extracomment>``(orig syssn, txamt, manager name, PIN) -&gt; Outcome``; blocking, run on the worker. The engine checks the PIN (``ManagerStore``) and raises ``ManagerAuthError`` when it is wrong.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or scan the receipt&apos;s QFPay number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find [Enter]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty = refund everything left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund [Ctrl+Enter]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close [Esc]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QFPay number (syssn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sale with this number was taken at this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3 — still refundable: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left to refund on this sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 can be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunding… do not close the till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFUNDED %1 (refund number %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT REFUNDED (%1). %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleController</name>
    <message>
        <source>Sending the payment to the customer&apos;s wallet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking QFPay for a QR code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: undoing the payment with the wallet. Please wait…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the customer to scan and pay with %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the customer to confirm in their wallet…</source>
        <translation>等待顧客在錢包中確認…</translation>
    </message>
    <message>
        <source>The QR code expired: closing the order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT SENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was charged. Press Enter and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEEDS ATTENTION</source>
        <translation>需要處理</translation>
    </message>
    <message>
        <source>The payment may or may not have gone through; the till will check it. Do not take the payment again before the history shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QFPay number %1</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was charged. Scan a customer code to try again, or press Enter for a new sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Do not take this payment again. The till keeps checking it; see the history (Ctrl+H) or call a manager.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Goods / note (optional, Ctrl+G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan customer code
(scan now)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s left. Press Esc to cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Key the amount first (more than zero).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key the amount, then press Enter.</source>
        <translation>輸入金額，然後按 Enter。</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s code now
(or press a wallet key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan customer code
(Enter, then scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the customer&apos;s code now, or press a wallet key (F1…F%1). Esc: back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the customer&apos;s code now. Esc: back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <source>Scanner: keyboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRAINING — no real money</source>
        <translation>培訓 — 非真實款項</translation>
    </message>
    <message>
        <source>Gateway: checking…</source>
        <translation type="unfinished"></translation>
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
    <message numerus="yes">
        <source>Recovering %n transaction(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to recover</source>
        <translation>沒有待恢復交易</translation>
    </message>
</context>
<context>
    <name>TrainingWallet</name>
    <message>
        <source>paid at once</source>
        <extracomment>How many enquiries a password-entry or processing payment stays in progress by default. respcd of the payment answer. respcd the order reaches once the pending enquiries are used up (&quot;&quot; = never). whether the enquiry counter applies (False: stays in progress until cancelled).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer enters the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wallet is processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>insufficient balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incorrect or expired code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment code expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for the customer to scan</source>
        <extracomment>MPM orders wait for a simulated scan rather than for enquiries.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The till cannot start</source>
        <translation type="unfinished"></translation>
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
        <source>Still open (run &apos;recover&apos;):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs a manager:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the two PINs differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training mode uses built-in credentials; nothing to store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The till window is not available in this installation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted before anything was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input ended before it was complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: waiting for the gateway to confirm...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>currencies</name>
    <message>
        <source>UAE Dirham</source>
        <extracomment>The gateway&apos;s documented field is Int(11): at most eleven digits.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Australian Dollar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canadian Dollar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese Yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Euro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hong Kong Dollar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indonesian Rupiah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Japanese Yen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Myanmar Kyat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malaysian Ringgit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Singapore Dollar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thai Baht</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US Dollar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>The receipt could not be printed. Check the printer, then reprint from history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner connected</source>
        <extracomment>A line longer than this is noise (wrong baud rate, a stuck device), not a code. Cashier-facing words for each state; the UI translates them, ``detail`` stays technical.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>Cancelled by the cashier.</source>
        <extracomment>Answers to a reversal/close meaning &quot;too late, the order is paid&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer did not finish paying in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid then reversed: the money went back to the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order never reached the gateway; nothing was charged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible double charge: the gateway shows {count} payments ({syssns}). A manager must check and refund one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancellation is not confirmed yet; the till keeps checking. Do not hand over goods.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment successful.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer paid before the cancellation arrived: the sale is paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sale is already paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment method cannot be used this way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway did not send a QR code; the order was closed. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment could not be sent: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous attempt of this sale is still being checked; wait for it before taking another payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal file cannot be opened: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal file is not a till journal or is damaged ({error}); keep it for support and do not delete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal was written by a newer version of the till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A manager needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong manager name or PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs: this manager is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed by recovery: the sale was interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No paid payment with that transaction number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The original payment could not be looked up now. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments of this type cannot be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {remaining} (minor units) can still be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund successful.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund result is not known yet; the till keeps checking. Do not refund again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>paytypes</name>
    <message>
        <source>Customer shows code: WeChat Pay, Alipay, UnionPay or PayMe</source>
        <extracomment>Card-present types from 002 (Visa/Mastercard, UnionPay card, Amex offline): handled by a card terminal, not by a QR flow, so a till never offers them. Types the reference says do not refund (002: &quot;802001 does not support refunds&quot;). The MPM/online types whose QR expiry can be set (001&apos;s list under ``expired_time``). CPM/MPM codes a counter till must not offer even though they are QR flows.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay, till shows QR code (overseas merchant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay service window H5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay web payment (overseas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay WAP payment (overseas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay in-app payment (overseas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay online WAP payment (overseas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay online QR code payment (overseas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay HK, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay HK in-app payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay HK WAP payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay HK web payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay pre-authorisation, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay pre-authorisation, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay pre-authorisation in-app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay pre-authorisation online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay official account (JSAPI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay in-app payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay H5 payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay mini-program payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay HK, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay HK in-app payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UnionPay QuickPass, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UnionPay QuickPass, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UnionPay WAP payment (HK)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UnionPay web payment (HK)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PayMe, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PayMe, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PayMe WAP payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PayMe web payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FPS, till shows QR code (no refunds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Octopus, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Octopus WAP payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Octopus web payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LINE Pay, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LINE Pay online payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AirPay, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AirPay online payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NETSPay, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origami, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PayNow, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PromptPay, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eWallet, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eWallet, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VIA, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VIA, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch &apos;n Go, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch &apos;n Go online payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Razer, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Razer, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Razer online payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dash, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dash, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boost, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boost, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boost online payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maybank, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maybank, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maybank online payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GrabPay, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GrabPay, customer shows code (Malaysia)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GrabPay online payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TrueMoney, customer shows code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ThaiQR, till shows QR code (Singapore merchant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GoPay, till shows QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GoPay WAP payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visa / Mastercard online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visa / Mastercard card present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apple Pay online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UnionPay card present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>American Express card present</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>receipts</name>
    <message>
        <source>The receipt could not be printed: the transaction is not in the journal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>states</name>
    <message>
        <source>Created</source>
        <extracomment>Journal states in the cashier&apos;s words (marked here so lupdate finds them).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment system is under maintenance. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancellation failed. Check the transaction, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was already sent. Check its result before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The till sent a malformed request. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The till sent a wrong value. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till is not activated for payments. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till is not recognised by the payment system. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till is not allowed to take payments. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment key is wrong. A manager must check the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transaction was not found. Check the receipt number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is already closed. Start a new sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the customer to confirm on their phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing, please wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay refused the payment. Ask for another payment method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account cannot cancel transactions. Refund it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This transaction has already been refunded. Check its refunds before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund was refused. Check the sale in the merchant portal or call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order expired. Start the payment again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough balance. Ask for another payment method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment code is wrong or expired. Ask the customer to refresh it and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merchant account is not set up for this wallet. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s bank refused. Ask for another payment method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment failed. Try again later or use another payment method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the customer to show their UnionPay overseas payment code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is not set up for payments. Do not take payments; call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is not configured for payments. Call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store has been disabled. Do not take payments; contact the owner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This transaction is not allowed. Contact QFPay support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store configuration has a problem being fixed. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment system had an error. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment system has a problem. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is already paid. Check it before doing anything else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is not paid. Check it before doing anything else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was refunded. Check it before doing anything else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was cancelled. Check it before doing anything else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was closed. Check it before doing anything else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This transaction cannot be refunded now: no refunds between 23:30 and 00:30, nor for promotions. Try again after 00:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough unsettled takings today to pay this refund. Try again after more sales, or call support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This currency allows only full refunds. Refund the whole amount instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This transaction allows only a full refund. Refund the whole amount instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund is more than what is left of the payment. Enter a smaller amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount does not match the order. Check the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order details do not match. Check the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order was not found. Check the receipt number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bank blocked this payment. Ask for another payment method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is slow. Waiting for the result; do not pay again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bank is busy. Try again later or use another payment method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is slow. If the customer has paid, do not pay again; waiting for the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order number was already used. Check the order before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown answer: check the transaction before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>worker</name>
    <message>
        <source>Something went wrong. Details were written to the log.</source>
        <extracomment>How long a pool thread (or the in-process training gateway) may hold the GIL before the GUI thread gets a turn. Python&apos;s default, 5 ms, let two busy threads keep the GUI waiting 7-11 ms in the MPM flow (measured); at 1 ms the longest stall went from ~7 to ~5 ms.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
