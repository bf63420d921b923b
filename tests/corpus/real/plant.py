"""Write planted/: edited copies of corpus files with realistic errors, and planted/key.yaml.

Each edit replaces one exact, unique string of a corpus file by an erroneous one;
`mark` is the erroneous characters (a part of the new string) that a finding of
the expected rule must overlap. Entries with `real: true` change nothing: the
error is in the source text itself (copied as the store gave it).

Expected rules that do not exist yet (issue 11 §3): `term-near-miss` (a span
close to an official name), `term-context` (a name forbidden in a context: bare
原子力規制委員会 about the U.S., bare エネルギー省 in government voice, CCFE meaning
Culham, 核融合研 meaning QST Naka), `placeholder` (a placeholder left in the
text). The register class (核融合エネルギー in policy text) accepts
`term-forbidden` or `term-register`.

    python tests/corpus/real/plant.py     # rewrites planted/ and planted/key.yaml
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
NM, CTX, FORB, VAR = "term-near-miss", "term-context", "term-forbidden", "term-variant"
REG = [FORB, "term-register"]
ZWSP, WJ = "\u200b", "\u2060"

# file: [(old, new, mark, rule(s), class, note)]
EDITS: dict[str, list[tuple]] = {
    "dev/en-01-doe-fes-program.txt": [
        ("The Department of Energy has been a leader", "The Department of Energy’s Office of Fusion Energy Science has been a leader",
         "Office of Fusion Energy Science", NM, "near-miss", "misspelt office name (Sciences)"),
        ("competitive U.S. fusion energy industry", "competitive US fusion energy industry", "US", VAR, "variant", ""),
        ("FES supports the fundamental research", "FES supports the the fundamental research", "the the", "repeated-word", "repeated-word", ""),
        ("to drive the scientific", "to drive  the scientific", "  ", "whitespace", "whitespace", "double space"),
    ],
    "dev/en-04-nrc-federal-register-fusion.txt": [
        ("SUMMARY: The U.S. Nuclear Regulatory Commission (NRC) is proposing", "SUMMARY: The U.S. Nuclear Regulation Authority (NRC) is proposing",
         "U.S. Nuclear Regulation Authority", NM, "near-miss", "NRC named as Japan's NRA"),
        ("AGENCY: Nuclear Regulatory Commission.\nACTION: Proposed rule", f"AGENCY: Nuclear Regu{ZWSP}latory Commission.\nACTION: Proposed rule",
         ZWSP, "hidden-character", "hidden-character", "zero-width space inside a name"),
    ],
    "dev/en-06-iter-jt60sa-inauguration.txt": [
        ("JT-60SA is one of the projects", "JT60SA is one of the projects", "JT60SA", NM, "near-miss", ""),
        ("belonging to ITER, EUROfusion", "belonging to the ITER Organisation, EUROfusion", "ITER Organisation", VAR, "variant", ""),
        ("Japan's Minister for Education, Culture, Sports, Science and Technology", None,
         "Minister for Education, Culture, Sports, Science and Technology", NM, "near-miss", "real: ITER's text writes 'Minister for'"),
    ],
    "dev/en-08-nifs-lhd-cycles.txt": [
        ("using the Large Helical Device (LHD) began today", "using the LHD began today", "LHD", "abbreviation-undefined",
         "abbreviation-undefined", "definition removed; spelt out only later"),
        ("The National Institute for Fusion Science has initiated", "The National Institute of Fusion Science has initiated",
         "National Institute of Fusion Science", NM, "near-miss", ""),
        ("it is called the “seventeenth cycle.”", "it is called the “seventeenth cycle.", "“", "bracket-unbalanced", "bracket", ""),
    ],
    "dev/en-10-nifs-director.txt": [
        ("The National Institute for Fusion Science (NIFS) is facing", "The National Institute for Fusion Sciences (NIFS) is facing",
         "National Institute for Fusion Sciences", NM, "near-miss", ""),
    ],
    "dev/en-14-nrc-blog-2011-04-07.txt": [
        ("advice to the U.S. Embassy.", "advice to the US Embassy.", "US", VAR, "variant", ""),
        ("two NRC reactor experts", "two Nuclear Regulatory Comission reactor experts", "Nuclear Regulatory Comission", NM, "near-miss", ""),
    ],
    "dev/en-16-embassy-zblog-nrc.txt": [
        ("by Dan Dorman from the Nuclear Regulatory Commission, who", "by Dan Dorman from the NRC, who", "NRC",
         "abbreviation-undefined", "abbreviation-undefined", "spelt out only later"),
        ("You probably also know that Japan has", "You probably also know that Japan  has", "  ", "whitespace", "whitespace", ""),
    ],
    "dev/en-18-ostp-fusion-fact-sheet-2024-06.txt": [
        ("White House Office of Science and Technology Policy (OSTP)", "White House Office for Science and Technology Policy (OSTP)",
         "Office for Science and Technology Policy", NM, "near-miss", ""),
        ("Administration’s Bold Decadal Vision for Commercial Fusion Energy", "Administration’s Bold Decade Vision for Commercial Fusion Energy",
         "Bold Decade Vision for Commercial Fusion Energy", NM, "near-miss", ""),
    ],
    "dev/en-20-f4e-eurofusion-jt60sa.txt": [
        ("National Institutes for Quantum Science and Technology (QST). The collaboration",
         "National Institutes for Quantum and Science and Technology (QST). The collaboration",
         "National Institutes for Quantum and Science and Technology", FORB, "forbidden", "deprecated form in the glossary"),
        ("designed to support the operation of ITER by", "designed to support the operation of the International Thermonuclear Fusion Experimental Reactor by",
         "International Thermonuclear Fusion Experimental Reactor", FORB, "forbidden", ""),
        ("QST (the National Institute for Quantum Sciences and technologies)", None,
         "National Institute for Quantum Sciences and technologies", NM, "near-miss", "real: F4E's text misspells QST's name"),
    ],
    "dev/ja-01-qst-greeting.txt": [
        ("量子科学技術研究開発機構は我が国の国内実施機関としてこの活動に参加しています。\n那珂",
         "量子化学技術研究開発機構は我が国の国内実施機関としてこの活動に参加しています。\n那珂",
         "量子化学技術研究開発機構", NM, "near-miss", "科学→化学"),
        ("ITER(国際熱核融合実験炉)計画", "ITER(国際熱核融合炉実験炉)計画", "国際熱核融合炉実験炉", FORB, "forbidden", ""),
        ("那珂核融合研究所では、このITER計画に関して", "那珂の核融合研では、このITER計画に関して", "核融合研", CTX,
         "context-collision", "核融合研 is NIFS's short name; here it means QST Naka"),
        ("量子科学研究開発機構は、この活動にも", None, "量子科学研究開発機構", NM, "near-miss", "real: the QST page drops 技術"),
    ],
    "dev/ja-03-mext-demo-tf-32.txt": [
        ("(1) フュージョンエネルギー・イノベーション戦略を踏まえた最近の取組について", "(1) 核融合エネルギー・イノベーション戦略を踏まえた最近の取組について",
         "核融合エネルギー・イノベーション戦略", FORB, "forbidden", "deprecated title of the strategy"),
        ("【吉原専門官】文部科学省核融合科学専門官", "【吉原専門官】文部科学賞核融合科学専門官", "文部科学賞", NM, "near-miss", "IME slip 省→賞"),
        ("市口勝治核融合科学研究所教授", "市口勝治核融合科学研究書教授", "核融合科学研究書", NM, "near-miss", "IME slip 所→書"),
    ],
    "dev/ja-05-mext-demo-tf-30.txt": [
        ("吉原誉夫核融合科学専門官、長壁", f"吉原誉夫核融合{ZWSP}科学専門官、長壁", ZWSP, "hidden-character", "hidden-character", ""),
        ("戦略の策定を受けた概算要求", "戦略の策定を受けた核融合エネルギー関連の概算要求", "核融合エネルギー", REG, "register",
         "policy text: フュージョンエネルギー"),
        ("資料の確認をお願いします。\n \n【吉原専門官】", "資料の確認ををお願いします。\n \n【吉原専門官】", "をを", "repeated-word", "repeated-word", ""),
    ],
    "dev/ja-07-mext-fusion-committee-42.txt": [
        ("第42回核融合科学技術委員会を開会", "第４２回核融合科学技術委員会を開会", "４２", "ja-width", "width", "full-width digits"),
        ("(3) 社会実装検討タスクフォース", "(3) 核融合エネルギーの社会実装検討ﾀｽｸﾌｫｰｽ", "ﾀｽｸﾌｫｰｽ", "ja-width", "width", "half-width katakana"),
        ("(3) 核融合エネルギーの社会実装検討ﾀｽｸﾌｫｰｽ", None, "核融合エネルギー", REG, "register", "policy text: フュージョンエネルギー"),
        ("【久島専門官】  文部科学省の核融合科学専門官", "【久島専門官】  文部化学省の核融合科学専門官", "文部化学省", NM, "near-miss", ""),
    ],
    "dev/ja-09-nifs-lhd-project.txt": [
        ("2013年度からは文部科学省の大規模", "2013年度からは文部省の大規模", "文部省", FORB, "historical-current",
         "MEXT's pre-2001 name in a 2023 text"),
        ("世界最大の超伝導プラズマ閉じ込め装置", "世界最大の超電導プラズマ閉じ込め装置", "超電導", VAR, "variant", ""),
        ("『ひねり』を加える", "『ひねり」を加える", "『ひねり」", "bracket-unbalanced", "bracket", ""),
    ],
    "dev/ja-11-nifs-lhd-history-1999.txt": [
        ("核融合科学研究所において平成元年から", "核融合化学研究所において平成元年から", "核融合化学研究所", NM, "near-miss", ""),
        ("トカマクとは異なる角度から", "トカマクとは 異なる角度から", " ", "whitespace", "whitespace", "space inside a Japanese sentence"),
    ],
    "dev/ja-13-qst-iter-eda.txt": [
        ("JT-60など既存の装置", "JT60など既存の装置", "JT60", NM, "near-miss", ""),
        ("大型超伝導コイルの試作", "大型超電導コイルの試作", "超電導コイル", VAR, "variant", ""),
    ],
    "dev/ja-15-emb-uk-fusion-symposium.txt": [
        ("一般社団法人フュージョンエネルギー産業協議会", "一般社団法人フュージョンエネルギー産業協会", "フュージョンエネルギー産業協会", NM, "near-miss", ""),
        ("フュージョン・エネルギーはネットゼロに", "核融合エネルギーはネットゼロに", "核融合エネルギー", REG, "register", ""),
    ],
    "dev/ja-17-jst-crds-uk-japan-moc.txt": [
        ("日本の文部科学省との間で", "日本の文部科学賞との間で", "文部科学賞", NM, "near-miss", ""),
        ("核融合エネルギー分野における新たなパートナーシップ", None, "核融合エネルギー", REG, "register",
         "real: 2025 policy summary writes 核融合エネルギー"),
        ("英米間の核融合エネルギーに関する", None, "核融合エネルギー", REG, "register", "real"),
    ],
    "dev/pair-01-fca-fact-sheet-2014.yaml": [
        ("FCAは高速炉心の物理的特性を研究するため、1967年に", "FCAは高速炉心の物理的特性を研究するため、1976年に", "1976", "number-mismatch", "number", ""),
        ("日米は2014年核安全保障サミットにおいて、日本原子力研究開発機構(JAEA)の", "日米は2014年核安全保障サミットにおいて、(JAEA)の",
         "Japan Atomic Energy Agency", "term-missing", "missing-term", "the JA drops the agency's name"),
        ("\n        ja: >-\n          FCAは、HEUおよび分離プルトニウム燃料から転換する世界初の主要高速炉臨界施設となる。これは世界的な核安全保障にとって大きな節目である。", "",
         "The FCA will become", "untranslated", "untranslated", "segment left without Japanese"),
        ("          日米は2006年、京都大学原子炉実験所の研究用原子炉をHEUから低濃縮ウラン(LEU)燃料に転換することに成功した。",
         "          In 2006, the United States and Japan successfully converted the Kyoto University Research Reactor (JA pending)",
         "In 2006, the United States and Japan successfully converted the Kyoto University Research Reactor (JA pending)",
         ["same-as-source", "placeholder"], "placeholder", "the English pasted into the ja field as a placeholder"),
        ("この実験にはHEUとプルトニウムが必要とみなされていた。", "この実験にはHEUとプルトニウムが必要とみなされていた",
         "必要とみなされていた", "end-punctuation", "end-punctuation", "final 。 dropped"),
        ("will allow for important new research.", "will allow for important new research <https://www.energy.gov/nnsa>.",
         "https://www.energy.gov/nnsa", None, None, None),
        ("新しい重要な研究を可能にする。", "新しい重要な研究を可能にする<https://www.energy.gov/nnssa>。",
         "https://www.energy.gov/nnssa", "url-mismatch", "url", "URL mistyped in the JA"),
    ],
    "dev/pair-03-doe-deputy-secretary-fukushima-2015.yaml": [
        ("約3週間後、私はワシントンDCで", "約2週間後、私はワシントンDCで", "約2週間後", "number-mismatch", "number", ""),
        ("我々は緊密な同盟国である日本に対し、原子力、除染、廃炉に関する米国の幅広い", "我々は緊密な同盟国である日本に対し、原子力、除染、廃炉に関する幅広い",
         "U.S. expertise", "term-missing", "missing-term", "the JA drops 米国 (U.S. expertise)"),
        ("日米両国は、原子力が、", "日米両国及び文部科学省は、原子力が、", "文部科学省", "term-unexpected", "unexpected-term", ""),
        ("I will co-chair the Bilateral Commission on Civil Nuclear Cooperation in", "I will co-chair the *Bilateral Commission on Civil Nuclear Cooperation* in",
         "*Bilateral Commission on Civil Nuclear Cooperation*", "markup-mismatch", "markup", "emphasis only in the EN"),
    ],
    "dev/pair-05-gen-iv-framework-agreement.yaml": [
        ("ja: 第四世代の原子力システム", "ja: 第三世代の原子力システム", "三", "number-mismatch", "number", "IV rendered 三"),
        ("この枠組協定の締約者は、", "この枠組協定の締約者はは、", "はは", "repeated-word", "repeated-word", ""),
        ("The Parties to the present Framework Agreement,", f"The Parties to the present Framework{WJ} Agreement,", WJ,
         "hidden-character", "hidden-character", "word joiner"),
    ],
    "test/en-02-doe-fes-vision-and-2008-page.txt": [
        ("The Office of Fusion Energy Sciences (FES), at the", "The Office of Fusion Energy Science (FES), at the",
         "Office of Fusion Energy Science", NM, "near-miss", ""),
        ("bringing the United States one step closer", "bringing the US one step closer", "US", VAR, "variant", ""),
        ("burning plasma experiment, ITER.", "burning plasma experiment, the International Thermonuclear Fusion Experimental Reactor.",
         "International Thermonuclear Fusion Experimental Reactor", FORB, "forbidden", ""),
        ("of ITER, the President has decided", "of ITER, the the President has decided", "the the", "repeated-word", "repeated-word", ""),
    ],
    "test/en-07-iter-annual-report-2023.txt": [
        ("(From Article 2 of the ITER Agreement)", "(From Article 2 of the ITER Agreemnt)", "ITER Agreemnt", NM, "near-miss", ""),
        ("within a defined volume).", "within a defined volume.", "(to hold", "bracket-unbalanced", "bracket", "closing ) dropped"),
    ],
    "test/en-11-doe-nnsa-fca-and-fire.txt": [
        ("from Japan Atomic Energy Agency (JAEA)’s", "from Japan Atomic Energy Authority (JAEA)’s", "Japan Atomic Energy Authority", NM, "near-miss", ""),
        ("DOE’s National Nuclear Security Administration (NNSA)", "DOE’s National Nuclear Safety Administration (NNSA)",
         "National Nuclear Safety Administration", NM, "near-miss", ""),
        ("toward the U.S. Bold Decadal Vision for Commercial Fusion Energy,", "toward the U.S. Bold Decadal Vision for Commercial Fusion,",
         "Bold Decadal Vision for Commercial Fusion", NM, "near-miss", "title cut short"),
    ],
    "test/en-12-uk-desnz-fusion-partnerships.txt": [
        ("between the UK Atomic Energy Authority (UKAEA) and the Canadian", "between the Culham Centre for Fusion Energy (CCFE) and the Canadian",
         "CCFE", CTX, "context-collision", "CCFE here is Culham, not the Coordinating Committee on Fusion Energy"),
        ("Japanese Ministry of Education, Culture, Sports, Science and\nTechnology.", "Japanese Ministry of Education, Sports, Science and\nTechnology.",
         "Ministry of Education, Sports, Science and", FORB, "forbidden", "deprecated (omits Culture)"),
    ],
    "test/en-13-kantei-press-conference-2025.txt": [
        ("what Japan and the U.S. should aim to achieve", "what Japan and the US should aim to achieve", "US", VAR, "variant", ""),
        ("President Trump and I affirmed", "President Trump and I  affirmed", "  ", "whitespace", "whitespace", ""),
    ],
    "test/en-15-nrc-blog-2011-08-01.txt": [
        ("to the International Atomic Energy Agency.", "to the International Atomic Energy Authority.", "International Atomic Energy Authority", NM, "near-miss", ""),
        ("ongoing review of U.S. nuclear plants", "ongoing review of US nuclear plants", "US", VAR, "variant", ""),
    ],
    "test/en-22-nrc-fusion-committee-and-meeting.txt": [
        ("The U.S. Nuclear Regulatory Commission (NRC) staff hosted", "The U.S. Nuclear Regulatory Comission (NRC) staff hosted",
         "U.S. Nuclear Regulatory Comission", NM, "near-miss", ""),
        ("the oversight of fusion machines across", f"the oversight of fusion{ZWSP} machines across", ZWSP, "hidden-character", "hidden-character", ""),
    ],
    "test/ja-02-mext-fusion-committee-40.txt": [
        ("量子科学技術研究開発機構 白井浩室長", "量子科学研究開発機構 白井浩室長", "量子科学研究開発機構", NM, "near-miss", "drops 技術"),
        ("(1) フュージョンエネルギー・イノベーション戦略を踏まえた最近の取組\n", "(1) 核融合エネルギーイノベーション戦略を踏まえた最近の取組\n",
         "核融合エネルギーイノベーション戦略", FORB, "forbidden", ""),
        ("次長\n\n文部科学省\n", "次長\n\n文部科学賞\n", "文部科学賞", NM, "near-miss", ""),
    ],
    "test/ja-04-mext-fusion-wg-37.txt": [
        ("日本原子力研究開発機構、「ITER計画", "日本原子力研究開発機関、「ITER計画", "日本原子力研究開発機関", NM, "near-miss", ""),
        ("「学術研究の現状と将来」について", "「学術研究の現状と将来について", "「学術研究の現状と将来", "bracket-unbalanced", "bracket", ""),
        ("資料2-1といたしまして", "資料２-１といたしまして", "２", "ja-width", "width", ""),
    ],
    "test/ja-06-mext-fusion-committee-17.txt": [
        ("うち幅広いアプローチ(BA)活動(フェーズ2)", "うちブローダーアプローチ(BA)活動(フェーズ2)", "ブローダーアプローチ", VAR, "variant",
         "MOFA's ブローダー・アプローチ without its ・ (a forbidden term until the held-out round 3 showed MOFA's usage)"),
        ("小川主査にお願いしたく", "小川主査ににお願いしたく", "にに", "repeated-word", "repeated-word", ""),
        ("文部科学省\n\n佐伯研究開発局長", "日本国文部科学省\n\n佐伯研究開発局長", "日本国文部科学省", "term-inconsistent", "inconsistent",
         "two full forms of MEXT's name in one document (文部科学省 above)"),
    ],
    "test/ja-08-mext-jt60sa-progress.txt": [
        ("JT-60SA計画(トカマク", "JT60SA計画(トカマク", "JT60SA", NM, "near-miss", ""),
        ("独立行政法人 日本原子力研究開発機構", f"独立行政法人 日本原子力{ZWSP}研究開発機構", ZWSP, "hidden-character", "hidden-character", ""),
    ],
    "test/ja-10-nifs-lhd-report-2000.txt": [
        ("大型ヘリカル装置(以下LHD)は", "LHDは", "LHD", "abbreviation-undefined", "abbreviation-undefined", "definition removed"),
        ("実験推進本部体制のもと", "実験推進本部体制の もと", " ", "whitespace", "whitespace", ""),
    ],
    "test/ja-12-nifs-lhd-first-cycles.txt": [
        ("核融合科学研究所において推進されている", "核融合科学研究機構において推進されている", "核融合科学研究機構", NM, "near-miss", ""),
        ("中性粒子ビーム入射(NBI)", "中性粒子ビーム入射(ＮＢＩ)", "ＮＢＩ", "ja-width", "width", "full-width Latin"),
    ],
    "test/ja-14-qst-iter-staff-blog.txt": [
        ("ITER建設サイトでは、インターン生や", "ITER建設サイトでは、那珂核融合研究所からの研修員、インターン生や", "那珂核融合研究所", FORB,
         "historical-current", "superseded name in a 2025 text"),
        ("「職場見学シリーズ」では、ITER組立", "「職場見学シリーズ」では、核融合エネルギーの実現に向けてITER組立", "核融合エネルギー", REG, "register", ""),
    ],
    "test/ja-16-mofa-summit-2023.txt": [
        ("と会談を行ったところ", "と会談をを行ったところ", "をを", "repeated-word", "repeated-word", ""),
        ("なお、会談に先立ち", "なお,会談に先立ち", ",", "ja-punctuation", "punctuation", ""),
    ],
    "test/ja-18-nifs-high-density-division.txt": [
        ("LHD\n 高密度", "ＬＨＤ\n 高密度", "ＬＨＤ", "ja-width", "width", ""),
    ],
    "test/pair-02-fukushima-cooperation-2011.yaml": [
        ("date: 2011-04-14", "date: 2021-04-14", None, None, None, "re-dated copy: Japan's NRA exists since 2012"),
        ("原子力規制委員会(NRC)、エネルギー省、保健福祉省", None, "原子力規制委員会", CTX, "context-us-nrc",
         "in a post-2012 text, bare 原子力規制委員会 about the U.S. means Japan's NRA"),
        ("原子力規制委員会(NRC)、エネルギー省、保健福祉省", None, "エネルギー省", CTX, "context-doe", "bare エネルギー省 in government voice"),
        ("構成されるNRCのチームが、3月13日から", "構成される原子力規制委員会のチームが、3月31日から", "原子力規制委員会", CTX, "context-us-nrc", ""),
        ("構成される原子力規制委員会のチームが、3月31日から", None, "3月31日", "number-mismatch", "number", "13 → 31"),
        ("近郊のNRC本部", "近郊の原子力規制委員会本部", "原子力規制委員会", CTX, "context-us-nrc", ""),
        ("near Washington, D.C.\n", "near Washington, D.C. (<https://www.nrc.gov/>)\n", "https://www.nrc.gov/", None, None, None),
        ("専門家から支援を受けている。", "専門家から支援を受けている(<https://www.nrc.gov.jp/>)。", "https://www.nrc.gov.jp/", "url-mismatch", "url", ""),
    ],
    "test/pair-04-us-japan-nuclear-agreement-1987.yaml": [
        ("千九百六十八年二月二十六日", "千九百六十八年二月十六日", "二月十六日", "number-mismatch", "date", "26 → 16"),
        ("ja: 日本国政府及びアメリカ合衆国政府は、", "ja: 日本国政府及び合衆国政府は、", "GOVERNMENT OF THE UNITED STATES OF AMERICA,",
         "term-missing", "missing-term", "the JA drops アメリカ合衆国政府"),
        ("ja: 平和的目的のための原子力の研究、開発及び利用の重要性を確認し、",
         "ja: RECOGNIZING THE IMPORTANCE OF RESEARCH ON AND DEVELOPMENT AND USE OF NUCLEAR ENERGY FOR PEACEFUL PURPOSES;",
         "RECOGNIZING THE IMPORTANCE OF RESEARCH ON AND DEVELOPMENT AND USE OF NUCLEAR ENERGY FOR PEACEFUL PURPOSES;",
         ["same-as-source", "placeholder"], "placeholder", "the English left in the ja field"),
    ],
    "test/pair-06-us-japan-atomic-agreement-1968.yaml": [
        ("1963年8月7日に署名された", "1963年8月17日に署名された", "1963年8月17日", "number-mismatch", "date", ""),
        ("Atomic Energy\" on June 16, 1958,", "Atomic Energy\" on June 19, 1958,", "June 19, 1958", "number-mismatch", "date", "error on the EN side"),
        ("\n    ja: >-\n      両当事国政府は、動力用及び研究用の原子炉の設計、建設及び運転並びに原子力の他の平和的利用の開発に関する情報の交換を含む原子力の平和的及び人道的利用の実現をめざす研究及び開発の計画を遂行することを希望するので、",
         "", "Whereas the Parties desire", "untranslated", "untranslated", ""),
        ("1958年6月16日に原子力の非軍事的利用", "1958年6月16日に核融合及び原子力の非軍事的利用", "核融合", "term-unexpected", "unexpected-term", "fusion added in the JA"),
    ],
    # fresh passages of 2026-12-05 (MOFA, OSTP, QST, MEXT)
    "dev/en-24-mofa-jhlc-2023-and-2015.txt": [
        ("Assistant to the U.S. President for Science", "Assistant to the US President for Science", "US", VAR, "variant", ""),
        ("White House Office of Science and Technology Policy (OSTP), Department of State",
         "White House Office of Science and Technology Policies (OSTP), Department of State",
         "Office of Science and Technology Policies", NM, "near-miss", "plural slip in a name"),
        ("with the JHLC playing an essential role", "with the JHLC playing an  essential role", "  ", "whitespace", "whitespace", ""),
        ("convened the thirteenth U.S.-Japan", "convened the the thirteenth U.S.-Japan", "the the", "repeated-word", "repeated-word", ""),
    ],
    "dev/ja-20-qst-jt60sa-first-plasma.txt": [
        ("JT-60SAは、フュージョンエネルギーの早期実用化を目指し", "JT-60SAは、核融合エネルギーの早期実用化を目指し", "核融合エネルギー", REG,
         "register", "a 2023 press release (its text names 令和5年6月5日, after the change)"),
        ("JT-60SAで得られた知見", "JT60SAで得られた知見", "JT60SA", NM, "near-miss", ""),
    ],
    "dev/ja-21-mext-fusion-committee-41.txt": [
        ("文部科学省\n\n堀内", "文部省\n\n堀内", "文部省", FORB, "historical-current", "the ministry's name before 2001 in 2025 minutes"),
        ("量子科学技術研究開発機構 大山直幸室長", "量子化学技術研究開発機構 大山直幸室長", "量子化学技術研究開発機構", NM, "near-miss",
         "科学 → 化学, an input-method slip"),
    ],
    "test/en-26-ostp-jhlc-2023-and-mofa-2003.txt": [
        ("Ministry of Foreign Affairs (MOFA)", "Ministry of Foreign Affair (MOFA)", "Ministry of Foreign Affair", NM, "near-miss",
         "singular Affair"),
        ("Assistant to the President for Science and Technology and Director of the White House Office of Science and Technology Policy (OSTP) Arati Prabhakar led",
         "Assistant to the President for Science and Technology and OSTP Director Arati Prabhakar led", "OSTP",
         "abbreviation-undefined", "abbreviation-undefined", "definition removed; spelt out later without it"),
        ("and the U.S. Department of State.", "and the US Department of State.", "US", VAR, "variant", ""),
        ("Japan-U.S. cooperative relations", "Japan-US cooperative relations", "US", VAR, "variant", "US joined to a name, not to a code"),
    ],
    "test/ja-22-qst-naka-director.txt": [
        ("量子科学技術研究開発機構量子エネルギー部門の拠点", "量子科学技術研究機構量子エネルギー部門の拠点", "量子科学技術研究機構", NM,
         "near-miss", "開発 dropped"),
        ("主要機器の調達を担当しています", "主要機器の調達をを担当しています", "をを", "repeated-word", "repeated-word", ""),
    ],
    "test/ja-24-mext-international.txt": [
        ("国際原子力機関(IAEA)や国際エネルギー機関(IEA)の多国間", "国際原子力機構(IAEA)や国際エネルギー機関(IEA)の多国間", "国際原子力機構", NM,
         "near-miss", "機関 → 機構"),
        ("IAEAの主催により", "ＩＡＥＡの主催により", "ＩＡＥＡ", "ja-width", "width", "full-width Latin"),
    ],
    "test/en-28-jst-science-japan-qst-nifs.txt": [
        ("and the Institute of Laser Engineering (ILE) at Osaka University", "and the Institute for Laser Engineering (ILE) at Osaka University",
         "Institute for Laser Engineering", NM, "near-miss", ""),
    ],
    "test/en-30-mofa-jhlc-2010.txt": [
        ("Mr. Tatsuo Kawabata, Minister of Education, Culture, Sports, Science and Technology,",
         "Mr. Tatsuo Kawabata, Minister of Education, Culture, Sport, Science and Technology,",
         "Minister of Education, Culture, Sport, Science and Technology", NM, "near-miss", "Sport for Sports"),
    ],
    "test/ja-26-nifs-director-2025.txt": [
        ("この度、核融合科学研究所NIFSの所長", "この度、核融合化学研究所NIFSの所長", "核融合化学研究所", NM, "near-miss", "科学 → 化学"),
    ],
    "dev/pair-07-mofa-jhlc-2015.yaml": [
        ("第13回合同高級委員会を日本国東京において開催した", "第31回合同高級委員会を日本国東京において開催した", "31", "number-mismatch",
         "number", "13 → 31"),
    ],
    "test/pair-08-mofa-jhlc-2010.yaml": [
        ("2010年6月12日に,東京の外務省で開催された", "2010年6月21日に,東京で開催された", "2010年6月21日", "number-mismatch", "date",
         "12 → 21"),
        ("2010年6月21日に,東京で開催された", None, "Ministry of Foreign Affairs", "term-missing", "missing-term",
         "the JA drops 外務省"),
    ],
    "test/en-32-nrc-fusion-page.txt": [
        ("the Nuclear Regulatory Commission (NRC) is engaging", "the Nuclear Regulatory Commision (NRC) is engaging",
         "Nuclear Regulatory Commision", NM, "near-miss", "one letter dropped"),
    ],
    "test/ja-28-mofa-jhlc-2013.txt": [
        ("米国エネルギー省と日本の文部科学省は", "米国エネルギー省と日本の文部省は", "文部省", FORB, "historical-current",
         "the ministry's name before 2001 in a 2013 text"),
        ("大統領府科学技術政策局長", "大統領府科学技術政策室長", "大統領府科学技術政策室", NM, "near-miss", "局 → 室"),
    ],
    "test/ja-30-mofa-jwlc-2024.txt": [
        ("量子技術、フュージョン、AIなど", "量子技術、核融合エネルギー、AIなど", "核融合エネルギー", REG, "register",
         "a 2024 MOFA note (its text names 令和6年8月30日)"),
    ],
}


def occurrence(text: str, mark: str, pos: int) -> int:
    n, start = 0, 0
    while (i := text.find(mark, start)) >= 0 and i <= pos:
        n += 1
        start = i + 1
    return n


def main() -> None:
    out = HERE / "planted"
    for half in ("dev", "test"):
        if (out / half).exists():
            shutil.rmtree(out / half)
        (out / half).mkdir(parents=True)
    errors = []
    for rel, edits in EDITS.items():
        text = (HERE / rel).read_text(encoding="utf-8")
        marks = []  # [pos, mark, rule, cls, note]
        for old, new, mark, rule, cls, note in edits:
            if text.count(old) != 1:
                raise SystemExit(f"{rel}: {old!r} occurs {text.count(old)} times")
            i = text.index(old)
            if new is not None:
                text = text[:i] + new + text[i + len(old):]
                delta = len(new) - len(old)
                for m in marks:
                    if m[0] > i:
                        m[0] += delta
            else:
                new = old
            if rule is None:
                continue
            j = new.find(mark)
            if j >= 0:
                pos = i + j
            elif text.count(mark) == 1:  # the error shows elsewhere (the EN term a JA edit leaves untranslated)
                pos = text.index(mark)
            else:
                raise SystemExit(f"{rel}: mark {mark!r} is neither in {new!r} nor unique in the file")
            marks.append([pos, mark, rule, cls, note or ""])
        (out / rel).write_text(text, encoding="utf-8")
        for n, (pos, mark, rule, cls, note) in enumerate(marks, 1):
            if pos < 0 or text[pos:pos + len(mark)] != mark:
                raise SystemExit(f"{rel}: lost track of {mark!r}")
            e = {"id": f"{Path(rel).stem}-{n}", "file": rel, "text": mark,
                 "occurrence": occurrence(text, mark, pos), "rule": rule, "class": cls}
            if note.startswith("real"):
                e["real"] = True
            if note:
                e["note"] = note
            errors.append(e)
    header = ("# Answer key of the planted errors (written by plant.py; do not edit by hand).\n"
              "# file: under planted/; text + occurrence: the erroneous characters (nth occurrence in the file);\n"
              "# rule: the rule (or rules) whose finding must overlap them; class: issue 11 §2-3 class;\n"
              "# real: the error is in the source text itself, not planted.\n")
    (out / "key.yaml").write_text(header + yaml.safe_dump({"errors": errors}, allow_unicode=True, sort_keys=False,
                                                           width=1000), encoding="utf-8")
    print(f"{len(errors)} errors in {len(EDITS)} files ({sum(1 for e in errors if e.get('real'))} real)")


if __name__ == "__main__":
    main()
