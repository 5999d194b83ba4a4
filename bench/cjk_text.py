"""Japanese, Korean and Chinese tickets for bench/list_bench.py: subjects, requesters and bodies
made from ticket numbers (the same text every run), with a few words that most of them share and
a word of two characters that only a handful share (for rare searches)."""
SUBJECTS = [
    ("ja", "ボイラーから異音がします"), ("ja", "給湯器にエラーが表示されます"), ("ja", "請求書の金額が違います"),
    ("ja", "ログインできません"), ("ja", "エアコンが冷えません"),
    ("ko", "보일러에서 소리가 납니다"), ("ko", "온수가 나오지 않습니다"), ("ko", "청구서 금액이 다릅니다"),
    ("zh", "锅炉发出奇怪的噪音"), ("zh", "热水器显示错误代码"), ("zh", "發票金額不對"),
]
NAMES = {"ja": ["田中 花子", "佐藤 健", "鈴木 一郎", "高橋 美咲"], "ko": ["김민준", "이서연", "박지훈"],
         "zh": ["王小明", "李娜", "張偉"]}
BODIES = {"ja": "昨日から続いています。お客様番号{n}、至急対応をお願いします。{rare}",
          "ko": "어제부터 계속되고 있습니다. 고객 번호 {n}, 빨리 확인 부탁드립니다. {rare}",
          "zh": "從昨天開始一直這樣。客戶編號{n}，請盡快處理。{rare}"}
# 70 seldom used ideographs (U+9D00 on, birds): 4,900 pairs, each in about 1 of 4,900 CJK tickets.
RARE = "".join(chr(0x9D00 + i) for i in range(70))


def rare_word(n):
    return RARE[n % 70] + RARE[(n // 70) % 70]


def ticket(n):
    """The create command's fields of CJK ticket number `n`."""
    language, subject = SUBJECTS[n % len(SUBJECTS)]
    name = NAMES[language][n % len(NAMES[language])]
    return {"subject": subject, "requester": {"name": name, "email": f"customer{n}@example.com"},
            "body": BODIES[language].format(n=n, rare=rare_word(n))}
