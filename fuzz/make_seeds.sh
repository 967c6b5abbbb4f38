#!/usr/bin/env bash
# Seeds fuzz/corpus/read_return/ with real returns, made small (tests/tools/collect/seed.py
# keeps the fields, values and metadata, drops fonts and page content), and with the small
# hostile PDFs of tests/tools/collect/hostile.py that collect survives.
# Run from the checkout's root after `cargo build --release`; needs what tests/collect.rs needs
# (python3 with pypdf and cryptography, pdftk).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/tests/tools/collect"
corpus="$root/fuzz/corpus/read_return"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$corpus"
"$root/target/release/gongwen" build "$root/data/2015" -o "$tmp/blank" >/dev/null
values='{"unit":"武汉市江岸区总工会","reporter":"张三","phone":"027-82781234","01A":"１,０００","01B":"400","05A":"35","05B":"10.25","05C":"20.5","05D":"3.0075","05E":"1.2","05F":"0.0425","08D":"123.4567"}'
python3 "$tools/fill.py" pypdf "$tmp/blank/attachment-1.pdf" "$tmp/pypdf.pdf" "$values" >/dev/null 2>&1
python3 "$tools/fill.py" pdftk "$tmp/blank/attachment-1.pdf" "$tmp/pdftk.pdf" "$values" >/dev/null
python3 "$tools/fill.py" pypdf "$tmp/blank/attachment-2.pdf" "$tmp/a2.pdf" '{"unit":"武汉市江汉区总工会","06B":"是","01A":"3","01B":"1","01C":"1","01D":"1"}' >/dev/null 2>&1
python3 "$tools/seed.py" "$tmp/pypdf.pdf" "$corpus/seed-return-pypdf.pdf" >/dev/null 2>&1
python3 "$tools/seed.py" "$tmp/pdftk.pdf" "$corpus/seed-return-pdftk.pdf" >/dev/null 2>&1
python3 "$tools/seed.py" "$tmp/a2.pdf" "$corpus/seed-return-attachment-2.pdf" >/dev/null 2>&1
python3 "$tools/protect.py" "$corpus/seed-return-pypdf.pdf" "$corpus/seed-return-owner-password-rc4.pdf" "" owner RC4-128 >/dev/null 2>&1
python3 "$tools/protect.py" "$corpus/seed-return-pypdf.pdf" "$corpus/seed-return-owner-password-aes.pdf" "" owner AES-128 >/dev/null 2>&1
python3 "$tools/hostile.py" "$tmp/pypdf.pdf" "$tmp/hostile" >/dev/null
for f in xref-prev-self xref-into-itself xref-stream-prev-self objstm-self objstm-extends-self length-self kids-self refs-cycle acroform-self pages-loop; do
    cp "$tmp/hostile/$f.pdf" "$corpus/seed-hostile-$f.pdf"
done
ls -l "$corpus"
