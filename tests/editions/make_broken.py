#!/usr/bin/env python3
"""Writes the error corpus (issue #7): tests/editions/broken/<case>/, one defect per edition.

Every case is tests/editions/base/ (a small valid edition: a short notice and one short form
with a 是/否 blank) with one change, and a file `expected.txt` holding the first error that
`gongwen check <case>`, run in tests/editions/broken/, must report, in the plain one-line form

    error: <case>/FILE:LINE:COL: FIELD: MESSAGE      (`FIELD: ` left out when there is none)
    error: <case>/FILE: MESSAGE                      (an error about a file as a whole)

LINE and COL (1-based, columns in characters) are worked out here from where the defect is,
so that they cannot drift from the files. gongwen prints the error with a snippet of the file
(`error: MESSAGE`, then `┌─ FILE:LINE:COL` and the field under the carets); tests/error_corpus.rs
reads the parts back out of it and compares them with this line.

Where gongwen's message is unclear or wrong, the case expects the message it should give, and
says so in a comment (`# gongwen today: …`).

    python3 tests/editions/make_broken.py           # (re)write the corpus
    python3 tests/editions/make_broken.py --check   # exit 1 if the committed corpus differs

Cases too big to commit (a 5 MB paragraph, 10,000 nested arrays, a 17 MB file) are generated
from the base edition by tests/error_corpus.rs at run time.
"""

import filecmp
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "base")
BROKEN = os.path.join(HERE, "broken")

N = "notice.toml"
A = "attachment-1.toml"


class Case:
    """`edits`: (file, old, new), `old` occurring exactly once in the base file. `at`: the
    text (occurring once in the changed file, or the `nth` occurrence) where the error points;
    None for an error about the file as a whole."""

    def __init__(self, name, edits, file, at, field, message, nth=1, special=None, raw=None, extra=None):
        self.name, self.edits, self.file, self.at = name, edits, file, at
        self.field, self.message, self.nth, self.special, self.raw = field, message, nth, special, raw
        # extra: {file name: text} written into the case (a form replaced whole, a seal).
        self.extra = extra or {}


def position(text, needle, nth):
    count = text.count(needle)
    if nth == 1 and count != 1:
        raise SystemExit(f"`{needle}` occurs {count} times: give nth")
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    before = text[:at]
    line = before.count("\n") + 1
    column = len(before[before.rfind("\n") + 1 :]) + 1
    return line, column


def one_issuer(keys, signature="", name="武汉市总工会办公室"):
    """Edits that give the base notice its issuer as [[issuers]] (with `keys` after the name)
    instead of organ_mark and signature.organ (`signature`: a line in its place)."""
    return [(N, "[head]\n", f'[[issuers]]\nname = "{name}"\n' + keys + "\n[head]\n"),
            (N, 'organ_mark = "武汉市总工会办公室文件"\n', ""), (N, 'organ = "武汉市总工会办公室"\n', signature)]


def table(options="", rows='[["江岸区总工会", "3"]]', widths="8, 4"):
    """A table attachment of two columns, in place of the base form."""
    columns = ", ".join(f"{{ width = {w} }}" for w in widths.split(", "))
    return {A: f'kind = "table"\ntitle = "名额分配表"\n{options}columns = [{columns}]\nhead = [["单位", "名额"]]\nrows = {rows}\n'}


CASES = [
    # ── TOML syntax
    Case("syntax-missing-equals", [(N, 'agency = "武工办"', 'agency "武工办"')],
         N, '"武工办"', "head.number", "key with no value, expected `=`"),
    Case("syntax-unclosed-string", [(N, 'addressees = "各区总工会"', 'addressees = "各区总工会')],
         N, "\nopening", "body", "invalid basic string, expected `\"`"),
    Case("syntax-unclosed-array", [(N, 'contacts = ["杨方勇"]', 'contacts = ["杨方勇"')],
         N, 'phone = "', "closing.contacts[1]", "missing comma between array elements, expected `,`"),
    # gongwen today: no field (the key of a duplicate is in no table of the parse tree).
    Case("syntax-duplicate-key", [(N, "year = 2015\n", "year = 2015\nyear = 2016\n")],
         N, "year = 2016", "year", "duplicate key"),
    # gongwen today: field `head.number` (the last table inside the first [head]).
    Case("syntax-duplicate-table", [(N, "[signature]\n", "[head]\n[signature]\n")],
         N, "head]\n[signature]", "head", "duplicate key"),
    Case("syntax-bare-word", [(N, 'addressees = "各区总工会"', "addressees = 各区总工会")],
         N, "各区总工会", "body.addressees", "string values must be quoted, expected literal string"),
    Case("syntax-in-form", [(A, 'letter = "C"', "letter = C")],
         A, "C\n", "items[0].fields[2].letter", "string values must be quoted, expected literal string"),
    # ── wrong types
    Case("type-year-string", [(N, "year = 2015\n", 'year = "2015"\n')],
         N, '"2015"', "year", 'invalid type: string "2015", expected i64'),
    # gongwen today: `data did not match any variant of untagged enum Lines`.
    Case("type-title-number", [(N, 'title = "关于{year}年开展送温暖活动的通知"', "title = 2015")],
         N, "2015\naddressees", "body.title", "invalid type: integer `2015`, expected a string or a list of lines"),
    Case("type-paragraphs-string", [(N, 'paragraphs = ["{activity_start}至{activity_end}。"]', 'paragraphs = "{activity_start}至{activity_end}。"')],
         N, '"{activity_start}至', "body.sections[0].paragraphs", 'invalid type: string "{activity_start}至{activity_end}。", expected a sequence'),
    Case("type-join-string", [(A, 'after = "。"\njoin = true', 'after = "。"\njoin = "true"')],
         A, '"true"', "items[0].fields[2].join", 'invalid type: string "true", expected a boolean'),
    Case("type-kind-unknown", [(A, 'unit = "是/否"', 'unit = "是/否"\nkind = "yesno"')],
         A, '"yesno"', "items[1].fields[0].kind", "unknown variant `yesno`, expected one of `count`, `amount`, `choice`, `text`"),
    # ── unknown keys: a typo is an error, never ignored
    Case("unknown-key-head", [(N, 'organ_mark = "武汉市总工会办公室文件"', 'organ_mark = "武汉市总工会办公室文件"\nsecercy = "秘密"')],
         N, "secercy", "head.secercy", "unknown field `secercy`, expected one of `copy_number`, `secrecy`, `urgency`, `organ_mark`, `suffix`, `signers`, `number`, `order_number`"),
    Case("unknown-key-section", [(N, 'title = "活动时间"', 'titel = "活动时间"')],
         N, "titel", "body.sections[0].titel", "unknown field `titel`, expected one of `title`, `paragraphs`, `items`"),
    Case("unknown-key-form-field", [(A, 'label = "其中农民工总数"', 'lable = "其中农民工总数"')],
         A, "lable", "items[0].fields[1].lable", "unknown field `lable`, expected one of `letter`, `label`, `unit`, `tail`, `after`, `join`, `kind`"),
    Case("unknown-key-top", [(N, "year = 2015\n", "year = 2015\nyaer = 2015\n")],
         N, "yaer", "yaer", "unknown field `yaer`, expected one of `format`, `year`, `dates`, `issuers`, `head`, `body`, `closing`, `signature`, `record`, `attendance`"),
    # ── missing required fields
    # The notice names its one issuer in organ_mark and signature.organ, or several in [[issuers]].
    Case("missing-signature-organ", [(N, 'organ = "武汉市总工会办公室"\n', "")],
         N, "[signature]", "signature.organ",
         "the signature names no issuer: expected organ (such as 武汉市总工会办公室), or [[issuers]]"),
    # A notice may have no campaign year; then {year} cannot be used (reported once, at the first).
    Case("missing-year", [(N, "year = 2015\n", "")],
         N, "{year}年开展", "body.title",
         "`{year}` needs the campaign year, which notice.toml does not give: add a line such as `year = 2015` at its top, or leave the placeholder out"),
    Case("missing-form-unit", [(A, 'unit = "人"\nafter = "。"', 'after = "。"')],
         A, "[[items.fields]]\nletter = \"C\"", "items[0].fields[2]", "missing field `unit`"),
    # ── dates
    Case("date-february-30", [(N, "date = 2014-12-30", "date = 2015-02-30")],
         N, "2015-02-30", "signature.date", "invalid date, expected day between 01 and 28"),
    Case("date-month-13", [(N, "deadline = 2015-02-01", "deadline = 2015-13-01")],
         N, "2015-13-01", "dates.deadline", "invalid date, expected month between 01 and 12"),
    # gongwen today: the right first error, then a second, wrong one: every {deadline} in the
    # text is an `unknown placeholder` (tests/error_corpus.rs asserts a single error).
    Case("date-with-time", [(N, "deadline = 2015-02-01", "deadline = 2015-02-01T17:00:00")],
         N, "2015-02-01T17:00:00", "dates.deadline", "expected a date such as 2015-01-01, found `2015-02-01T17:00:00`"),
    Case("date-as-string", [(N, "deadline = 2015-02-01", 'deadline = "2015-02-01"')],
         N, '"2015-02-01"', "dates.deadline", 'invalid type: string "2015-02-01", expected a TOML datetime'),
    Case("date-deadline-before-signing", [(N, "deadline = 2015-02-01", "deadline = 2014-12-01")],
         N, "2014-12-01", "dates.deadline", "the deadline 2014-12-01 is before the notice is signed (2014-12-30): expected a later date"),
    Case("date-end-before-start", [(N, "activity_end = 2015-03-05", "activity_end = 2014-12-31")],
         N, "2014-12-31", "dates.activity_end",
         "activity_end 2014-12-31 is before activity_start 2015-01-01: a period must end on or after its start"),
    # ── content
    # A heading alone is a section; one with nothing at all is a mistake.
    Case("empty-section", [(N, 'title = "活动时间"\nparagraphs = ["{activity_start}至{activity_end}。"]\n', '')],
         N, "[[body.sections]]\n\n[[body.sections]]", "body.sections[0]", "the section is empty: expected `title`, `paragraphs` or `items`"),
    Case("empty-title", [(N, 'title = "关于{year}年开展送温暖活动的通知"', 'title = ""')],
         N, '""', "body.title", "must not be empty"),
    Case("empty-title-list", [(N, 'title = "关于{year}年开展送温暖活动的通知"', "title = []")],
         N, "[]", "body.title", "must not be empty: expected a string or a list of lines"),
    Case("blank-paragraph", [(N, 'opening = ["市总工会决定{year}年元旦春节开展送温暖活动。"]', 'opening = ["　"]')],
         N, '"　"', "body.opening[0]", "must not be empty"),
    Case("form-letter-twice", [(A, 'letter = "C"', 'letter = "A"')],
         A, '"A"', "items[0].fields[2].letter", "field 01A appears twice", nth=2),
    Case("form-code-twice", [(A, 'code = "02"', 'code = "01"')],
         A, '"01"', "items[1].code", "item 01 appears twice", nth=2),
    Case("form-code-not-two-digits", [(A, 'code = "02"', 'code = "2"')],
         A, '"2"', "items[1].code", "`2`: expected a two-digit item number such as 01"),
    Case("form-letter-lowercase", [(A, 'letter = "C"', 'letter = "c"')],
         A, '"c"', "items[0].fields[2].letter", "`c`: expected one capital letter A–Z"),
    Case("form-no-items", [(A, 'rules = ["01B <= 01A"]\n', "")], A, '"{year}', "items", "the form has no items: expected at least one [[items]]", special="no-items"),
    Case("rule-unknown-code", [(A, '"01B <= 01A"', '"01B <= 01Z"')],
         A, '"01B <= 01Z"', "rules[0]", "`01B <= 01Z`: there is no field 01Z in this form"),
    Case("rule-no-relation", [(A, '"01B <= 01A"', '"01B 01A"')],
         A, '"01B 01A"', "rules[0]", "`01B 01A`: expected a rule such as `05A = 05B + 05C` or `01B <= 01A`"),
    Case("rule-adds-choice", [(A, '"01B <= 01A"', '"01B + 02A <= 01A"')],
         A, '"01B + 02A <= 01A"', "rules[0]", "`01B + 02A <= 01A`: 02A is a 是/否 field and cannot be added up"),
    Case("rule-empty-side", [(A, '"01B <= 01A"', '"01B <= "')],
         A, '"01B <= "', "rules[0]", "`01B <= `: a side of the rule is empty: expected codes joined by +"),
    # ── placeholders
    Case("placeholder-unknown", [(N, "请于{deadline}前", "请于{dedline}前")],
         N, "{dedline}", "body.sections[1].items[0].paragraphs[0]",
         "unknown placeholder `{dedline}`: expected one of year, activity_end, activity_start, deadline"),
    Case("placeholder-lone-open-brace", [(N, 'addressees = "各区总工会"', 'addressees = "各区总工会{"')],
         N, '{"', "body.addressees", "a `{` that opens no placeholder: write `{{` to print a brace"),
    Case("placeholder-lone-close-brace", [(N, 'addressees = "各区总工会"', 'addressees = "各区总工会}"')],
         N, '}"', "body.addressees", "a lone `}`: write `}}` to print a brace"),
    Case("placeholder-bad-style", [(N, "请于{deadline}前", "请于{deadline:ymd}前")],
         N, "{deadline:ymd}", "body.sections[1].items[0].paragraphs[0]",
         "unknown date style `:ymd` in `{deadline:ymd}`: expected `:md` or none"),
    Case("record-printed-before-signing", [(N, "[signature]\n", "[record]\nprinted = 2014-12-01\n\n[signature]\n")],
         N, "2014-12-01", "record.printed", "printed 2014-12-01 before it was signed (2014-12-30): expected a later date"),
    # gongwen today: column 9, the list's `[` rather than the empty line (as for
    # placeholder-in-title-list).
    Case("title-list-empty-line", [(N, 'title = "关于{year}年开展送温暖活动的通知"', 'title = ["关于{year}年", ""]')],
         N, '""]', "body.title[1]", "must not be empty"),
    # gongwen today: column 26, as if the escapes were one byte each (src/edition.rs, Checker::string).
    Case("placeholder-after-escape", [(N, 'addressees = "各区总工会"', 'addressees = "\\u5404区\\"总工会\\" {nosuch}"')],
         N, "{nosuch}", "body.addressees", "unknown placeholder `{nosuch}`: expected one of year, activity_end, activity_start, deadline"),
    # gongwen today: column 5, one before the brace (the opening """ is taken for one byte).
    Case("placeholder-in-multiline-string", [(N, 'addressees = "各区总工会"', 'addressees = """\n各区总工会{nosuch}"""')],
         N, "{nosuch}", "body.addressees", "unknown placeholder `{nosuch}`: expected one of year, activity_end, activity_start, deadline"),
    # gongwen today: column 12, in the first line (every line of a list is taken to start one
    # byte after the list's `[`: src/edition.rs, Checker::lines passes the list's span).
    Case("placeholder-in-title-list", [(N, 'title = "关于{year}年开展送温暖活动的通知"', 'title = ["关于{year}年", "开展{nosuch}活动的通知"]')],
         N, "{nosuch}", "body.title[1]", "unknown placeholder `{nosuch}`: expected one of year, activity_end, activity_start, deadline"),
    # gongwen today: check passes, the year wraps round in text.rs; Typst then fails with
    # `error: templates/gbt9704.typ: value is too large`, pointing at no line of the edition.
    Case("placeholder-year-overflow", [(N, "决定{year}年", "决定{year+9223372036854775807}年")],
         N, "{year+", "body.opening[0]", "`{year+9223372036854775807}`: the offset is too large"),
    # ── attachments
    Case("attachment-missing", [(N, '["attachment-1.toml"]', '["attachment-9.toml"]')],
         N, '"attachment-9.toml"', "closing.attachments[0]", "`attachment-9.toml`: no such file in attachment-missing"),
    Case("attachment-parent", [(N, '["attachment-1.toml"]', '["../notice.toml"]')],
         N, '"../notice.toml"', "closing.attachments[0]",
         "`../notice.toml`: expected the name of a form file in the edition's folder, such as attachment-1.toml"),
    Case("attachment-absolute", [(N, '["attachment-1.toml"]', '["/etc/passwd.toml"]')],
         N, '"/etc/passwd.toml"', "closing.attachments[0]",
         "`/etc/passwd.toml`: expected the name of a form file in the edition's folder, such as attachment-1.toml"),
    Case("attachment-is-notice", [(N, '["attachment-1.toml"]', '["notice.toml"]')],
         N, '"notice.toml"]', "closing.attachments[0]",
         "`notice.toml`: expected the name of a form file in the edition's folder, such as attachment-1.toml"),
    Case("attachment-symlink-outside", [], N, '"attachment-1.toml"', "closing.attachments[0]",
         "`attachment-1.toml` leads outside the edition's folder", special="symlink"),
    # gongwen today: the line and column are left out (src/report.rs cannot show a snippet
    # of a file that is not UTF-8, and its fallback drops the place).
    Case("attachment-not-utf8", [], A, "title", "", "the file is not UTF-8 text: save it as UTF-8", special="form-latin1"),
    # ── files
    Case("notice-missing", [], N, None, "", "cannot read: no such file", special="no-notice"),
    # gongwen today: the line and column are left out, as for attachment-not-utf8.
    Case("notice-not-utf8", [], N, "year", "", "the file is not UTF-8 text: save it as UTF-8", special="notice-gbk"),
    # ── numbers
    Case("year-out-of-range", [(N, "year = 2015\n", "year = 20150\n")],
         N, "20150", "year", "20150 is not a plausible campaign year: expected a year such as 2015"),
    Case("number-year-out-of-range", [(N, "year = 2014", "year = 14")],
         N, "14\n", "head.number.year", "14 is not a plausible year: expected a year such as 2014"),
    Case("serial-zero", [(N, "serial = 74", "serial = 0")],
         N, "0\n\n[body]", "head.number.serial", "0: expected a serial number of 1 or more"),
    Case("year-too-big-for-i64", [(N, "year = 2015\n", "year = 99999999999999999999\n")],
         N, "99999999999999999999", "year", "invalid type: integer `99999999999999999999` as i128, expected i64"),
    # ── issuers, marks and seals (issue #10)
    Case("issuers-and-organ-mark",
         [(N, "[head]\n", '[[issuers]]\nname = "武汉市总工会办公室"\n\n[head]\n'), (N, 'organ = "武汉市总工会办公室"\n', "")],
         N, '"武汉市总工会办公室文件"', "head.organ_mark",
         "the issuers are given twice: with [[issuers]], leave head.organ_mark out (the mark is made of each issuer's mark and head.suffix, the signature of their names)"),
    Case("suffix-without-issuers", [(N, 'organ_mark = "武汉市总工会办公室文件"', 'organ_mark = "武汉市总工会办公室文件"\nsuffix = "文件"')],
         N, '"文件"', "head.suffix",
         "suffix goes with [[issuers]]: with organ_mark, write the whole mark there (such as 武汉市总工会办公室文件)"),
    Case("mark-too-wide", one_issuer("", name="武汉市总工会武汉市总工会武汉市总工会武汉"),
         N, '"武汉市总工会武汉市总工会武汉市总工会武汉"', "issuers[0].name",
         "the organ mark 「武汉市总工会武汉市总工会武汉市总工会武汉」 is too long: even at 2号 it is 155 mm wide, wider than the 150 mm it may take; use the issuer's 规范化简称 in `mark`"),
    Case("seal-missing", one_issuer('seal = "seals/none.svg"\n'),
         N, '"seals/none.svg"', "issuers[0].seal", "`seals/none.svg`: no such file in seal-missing"),
    Case("seal-outside", one_issuer('seal = "../seal-not-an-image/seal.png"\n'),
         N, '"../seal-not-an-image/seal.png"', "issuers[0].seal",
         "`../seal-not-an-image/seal.png`: expected the path of a PNG or SVG image inside the edition's folder, such as seals/zonggonghui.svg"),
    Case("seal-not-an-image", one_issuer('seal = "seal.png"\n'),
         N, '"seal.png"', "issuers[0].seal",
         "`seal.png` is not a PNG or SVG image: save the seal as PNG (with a transparent background) or SVG",
         extra={"seal.png": "这不是图片，是一段文字。\n"}),
    Case("seal-size-out-of-range", one_issuer('seal_size = 100\n'),
         N, "100\n", "issuers[0].seal_size", "100: expected a seal size from 20 to 60 mm (42 is usual)"),
    Case("signer-without-title", one_issuer("", signature='form = "signer"\n'),
         N, '"武汉市总工会办公室"\n\n[head]', "issuers[0].signer",
         "the signature's form is signer, and this issuer has no signer's title: expected signer (the full title, such as 武汉市总工会主席)"),
    # ── headings (issue #10)
    Case("too-many-levels", [(N, 'paragraphs = ["请于{deadline}前报送统计表。"]\n',
                              'paragraphs = ["请于{deadline}前报送统计表。"]\n\n[[body.sections.items.items]]\ntitle = "三级"\n\n'
                              '[[body.sections.items.items.items]]\ntitle = "四级"\n\n[[body.sections.items.items.items.items]]\ntitle = "五级"\n')],
         N, "[[body.sections.items.items.items.items]]", "body.sections[1].items[0].items[0].items[0].items",
         "too many levels: headings go four levels deep (一、 （一） 1. （1）), so a （1） section has no items"),
    Case("run-in-level", [(N, 'addressees = "各区总工会"', 'addressees = "各区总工会"\nrun_in = [2, 5]')],
         N, "5]", "body.run_in[1]", "5: expected heading levels 1 to 4 in run_in (1 = 一、, 2 = （一）, 3 = 1., 4 = （1））"),
    # ── attachments of other kinds (issue #10)
    Case("attachment-kind-unknown", [(A, 'title = "{year}年工会送温暖活动统计表"', 'kind = "chart"\ntitle = "{year}年工会送温暖活动统计表"')],
         A, '"chart"', "kind", "`chart`: expected the kind of attachment, one of form, text, table"),
    Case("table-row-overfull", [], A, '"丙"', "rows[0][2]",
         "row 1 has cells beyond the table's 2 columns: remove a cell, or make a colspan smaller",
         extra=table(rows='[["江岸区总工会", "3", "丙"]]')),
    Case("table-row-underfull", [], A, '["江汉区总工会"]', "rows[1]",
         "row 2 fills 1 of the table's 2 columns: add cells (\"\" for an empty one), or merge with colspan",
         extra=table(rows='[["江岸区总工会", "3"], ["江汉区总工会"]]')),
    Case("table-too-wide-upright", [], A, '"portrait"', "orientation",
         "the columns are 40 characters wide and an upright page holds 31: make them narrower, or set orientation = \"landscape\"",
         extra=table(options='orientation = "portrait"\n', widths="20, 20")),
    Case("table-rowspan-past-end", [], A, "3 }", "rows[0][0]",
         "the rowspan reaches past the last row of its part, which has 2 rows (the head and the body are counted apart)",
         extra=table(rows='[[{ text = "江岸区总工会", rowspan = 3 }, "3"], ["4"]]')),
]


def write_case(case, root):
    d = os.path.join(root, case.name)
    os.makedirs(d)
    files = {}
    for name in (N, A):
        with open(os.path.join(BASE, name), encoding="utf-8") as f:
            files[name] = f.read()
    for file, old, new in case.edits:
        count = files[file].count(old)
        if count != 1:
            raise SystemExit(f"{case.name}: `{old}` occurs {count} times in base/{file}")
        files[file] = files[file].replace(old, new)
    files.update(case.extra)
    raw = {}
    if case.special == "no-notice":
        del files[N]
        del files[A]
    elif case.special == "no-items":
        start = files[A].index("[[items]]")
        files[A] = files[A][:start]
    elif case.special == "symlink":
        del files[A]
    elif case.special == "notice-gbk":
        # Saved in GB 18030 instead of UTF-8: the first non-ASCII byte is in the comment of
        # line 1; put a plain line first so that the line number says something.
        raw[N] = ("year = 2015 # 年度\n" + files[N].replace("year = 2015\n", "", 1)).encode("gb18030")
        del files[N]
    elif case.special == "form-latin1":
        text = files[A].replace("# 基准版本的附件：两个指标，三个空格。\n", "", 1)
        text = text.replace('notes = ["本表中职工均包括农民工。"]', 'notes = ["Caf\u00e9"]', 1)
        raw[A] = text.encode("utf-8").replace("é".encode("utf-8"), b"\xe9")
        del files[A]
    for name, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(d, name)), exist_ok=True)
        with open(os.path.join(d, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    for name, data in raw.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    if case.special == "symlink":
        # Points at the base edition's form: valid TOML, but outside this edition's folder.
        os.symlink(os.path.join("..", "..", "base", A), os.path.join(d, A))

    if case.at is None:
        place = f"{case.name}/{case.file}"
    else:
        path = os.path.join(d, case.file)
        text = open(path, "rb").read().decode("utf-8", errors="replace")
        if case.special in ("notice-gbk", "form-latin1"):
            # The error points at the first byte that is not UTF-8.
            bad = text.index("\ufffd")
            before = text[:bad]
            line = before.count("\n") + 1
            column = len(before[before.rfind("\n") + 1 :]) + 1
        else:
            line, column = position(text, case.at, case.nth)
        place = f"{case.name}/{case.file}:{line}:{column}"
    parts = ["error: " + place]
    if case.field:
        parts.append(case.field)
    parts.append(case.message)
    with open(os.path.join(d, "expected.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(": ".join(parts) + "\n")


def generate(root):
    for case in CASES:
        write_case(case, root)


def same_tree(a, b):
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    for name in cmp.common_files:
        pa, pb = os.path.join(a, name), os.path.join(b, name)
        if os.path.islink(pa) != os.path.islink(pb):
            return False
        if os.path.islink(pa):
            if os.readlink(pa) != os.readlink(pb):
                return False
        elif not filecmp.cmp(pa, pb, shallow=False):
            return False
    return all(same_tree(os.path.join(a, s), os.path.join(b, s)) for s in cmp.common_dirs)


def main():
    names = [c.name for c in CASES]
    if len(set(names)) != len(names):
        raise SystemExit("two cases share a name")
    if sys.argv[1:] == ["--check"]:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = os.path.join(tmp, "broken")
            os.makedirs(fresh)
            generate(fresh)
            if not os.path.isdir(BROKEN) or not same_tree(fresh, BROKEN):
                print("tests/editions/broken/ is not what make_broken.py writes: run python3 tests/editions/make_broken.py")
                sys.exit(1)
        print(f"{len(CASES)} cases up to date")
        return
    if os.path.isdir(BROKEN):
        shutil.rmtree(BROKEN)
    os.makedirs(BROKEN)
    generate(BROKEN)
    print(f"wrote {len(CASES)} cases into {os.path.relpath(BROKEN)}")


if __name__ == "__main__":
    main()
