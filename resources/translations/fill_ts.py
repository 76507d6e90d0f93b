"""Fill translations into a Qt Linguist ``.ts`` file, then let update.sh rebuild it.

    python resources/translations/fill_ts.py qfpay_pos_zh_HK.ts table.py
        table.py defines T = {(context, source): translation}
    python resources/translations/fill_ts.py --from-hk qfpay_pos_zh_CN.ts
        drafts every empty zh_CN message from zh_HK with OpenCC 'hk2s' (pip install opencc,
        a translator's tool, not a dependency of the till); review the result.

Only messages that are unfinished or empty are filled, so a reviewed translation is never
overwritten.  Run update.sh afterwards: lupdate rewrites the file in its own layout and
lrelease builds the .qm the till loads.
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Words Hong Kong and the mainland say differently; OpenCC converts only the script.
CN_WORDS = {
    "多謝惠顧": "谢谢惠顾",
    "多謝": "谢谢",
    "列印": "打印",
    "密碼庫": "密钥环",
    "螢幕": "屏幕",
    "網絡": "网络",
    "檔案": "文件",
    "文字檔": "文本文件",
    "設定檔": "设置文件",
    "設定": "设置",
    "串口": "串口",
    "連接埠": "端口",
    "儲存": "保存",
    "訊息": "消息",
    "伺服器": "服务器",
    "「仙」": "「分」",
    "帳戶": "账户",
    "這裏": "这里",
    "預設": "默认",
    "店舖": "店铺",
    "資訊站": "自助终端",
    "客戶支援": "客户支持",
}


def fill(ts: Path, table: dict[tuple[str, str], str | list[str]]) -> int:
    tree = ET.parse(ts)  # noqa: S314 - our own file
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                continue
            texts = [translation.text or ""] + [
                f.text or "" for f in translation.iter("numerusform")
            ]
            done = translation.get("type") != "unfinished" and any(texts)
            key = (name, message.findtext("source") or "")
            if done or key not in table:
                continue
            value = table[key]
            if isinstance(value, list):  # plural forms (one in Chinese)
                forms = list(translation.iter("numerusform"))
                if not forms:
                    forms = [ET.SubElement(translation, "numerusform")]
                for form, text in zip(forms, value, strict=False):
                    form.text = text
            else:
                translation.text = value
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def hk_table() -> dict[tuple[str, str], str | list[str]]:
    import opencc  # noqa: PLC0415 - the translator's tool only

    convert = opencc.OpenCC("hk2s").convert

    def to_cn(text: str) -> str:
        for hk, cn in CN_WORDS.items():
            text = text.replace(hk, cn)
        return str(convert(text))

    table: dict[tuple[str, str], str | list[str]] = {}
    hk = ET.parse(HERE / "qfpay_pos_zh_HK.ts")  # noqa: S314 - our own file
    for context in hk.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "")
            translation = message.find("translation")
            if translation is None:
                continue
            if message.get("numerus") == "yes":
                table[key] = [to_cn(f.text or "") for f in translation.iter("numerusform")]
            elif translation.text:
                table[key] = to_cn(translation.text)
    return table


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[1] == "--from-hk":
        count = fill(HERE / argv[2], hk_table())
    elif len(argv) == 3:
        count = fill(HERE / argv[1], runpy.run_path(argv[2])["T"])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"{count} message(s) filled; now run update.sh")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
