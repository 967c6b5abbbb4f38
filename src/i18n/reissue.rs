//! Messages of `new-edition` (next year's edition from this one), in Chinese and English.

use super::catalogue;

catalogue! {
    target_not_empty() {
        zh: "已存在且不是空文件夹：请为新版本另选一个文件夹",
        en: "already exists and is not empty: choose a new folder for the new edition",
    }
    year_not_after(year, old) {
        zh: "新版本的年度 {year} 应在本版本的 {old} 之后",
        en: "the new edition's year {year} must come after this edition's {old}",
    }
    implausible_year(year) {
        zh: "{year} 不像活动年度：应为 2016 这样的年份",
        en: "{year} is not a plausible campaign year: expected a year such as 2016",
    }
    target_inside(example) {
        zh: "在所依据的版本之内：请选它旁边的文件夹，例如 {example}",
        en: "is inside the edition it is made from: choose a folder beside it, such as {example}",
    }
    year_moved(key, old, year, placeholder) {
        zh: "{key}：{old} → {year}（正文中的每个 {placeholder} 随之变化）",
        en: "{key}: {old} → {year} (every {placeholder} in the text moves with it)",
    }
    no_festival(festival, year) {
        zh: "{year} 年没有{festival}",
        en: "no {festival} in {year}",
    }
    festival_moved(key, old, new, festival, year) {
        zh: "dates.{key}：{old} → {new}，{year} 年的{festival}",
        en: "dates.{key}: {old} → {new}, {festival} of {year}",
    }
    policy_date(key, old, new) {
        zh: "dates.{key}：已顺延 {old} → {new}；这是政策性日期，请核对",
        en: "dates.{key}: moved {old} → {new}; a policy date, check it",
    }
    number_year(old, new) {
        zh: "head.number.year：{old} → {new}（发文字号的年份）",
        en: "head.number.year: {old} → {new}",
    }
    serial_left_blank(serial) {
        zh: "head.number.serial：已留空（原为 {serial}）；发文时填写文号序号",
        en: "head.number.serial: left blank (was {serial}); fill in the serial number when the notice is issued",
    }
    serial_still_blank() {
        zh: "head.number.serial：仍为空；发文时填写文号序号",
        en: "head.number.serial: still blank; fill in the serial number when the notice is issued",
    }
    date_moved(key, old, new) {
        zh: "{key}：已顺延 {old} → {new}；请填写实际日期",
        en: "{key}: moved {old} → {new}; set the real date",
    }
    no_parent() {
        zh: "没有上级文件夹",
        en: "has no parent folder",
    }
    cannot_copy(error) {
        zh: "无法复制版本：{error}",
        en: "cannot copy the edition: {error}",
    }
    cannot_replace(error) {
        zh: "无法替换空文件夹：{error}",
        en: "cannot replace the empty folder: {error}",
    }
    year_in_digits(place, field, stale, year, prev) {
        zh: "{place}：{field}：正文直接写了 {stale}；如指活动年度，请改写为 {year} 或 {prev}",
        en: "{place}: {field}: the text names {stale} in digits; write {year} or {prev} if it is the campaign's year",
    }
}
