//! Terraform's built-in functions, the common ones. A function bosun does not
//! model, or one called with values not known yet, gives `Unknown`.

use super::eval::{Eval, Origin};
use super::files::normalize;
use super::limits;
use super::values::{
    attr, boolean, format_number, from_json, is_pending, known, number, same, sorted_entries, text, to_json,
    to_json_partial, Fail, R,
};
use crate::cloud::value::{Attr, Value};
use bosun_core::Span;
use hcl_edit::expr::{Expression, FuncCall};
use hcl_edit::Span as _;
use std::path::{Component, Path, PathBuf};

/// Functions that work on values only partly known (the others need every argument known).
const PARTIAL: &[&str] = &[
    "jsonencode",
    "concat",
    "merge",
    "flatten",
    "element",
    "lookup",
    "coalesce",
    "coalescelist",
    "length",
    "keys",
    "values",
    "tolist",
    "tomap",
    "one",
    "reverse",
    "slice",
    "sensitive",
    "nonsensitive",
    "tostring",
    "contains",
    "zipmap",
];

pub(crate) fn call(ev: &mut Eval, call: &FuncCall, o: Origin) -> R {
    let span = o.span(call.span());
    let file = o.file();
    let unknown = Ok(Attr::unknown(span, file));
    if !call.name.namespace.is_empty() {
        return unknown; // provider-defined functions
    }
    let name = call.name.name.as_str();
    let exprs: Vec<&Expression> = call.args.iter().collect();
    match name {
        "try" => {
            for expr in exprs {
                match ev.expr(expr, o) {
                    Ok(value) if value.is_unknown() => return unknown,
                    Ok(value) => return Ok(value),
                    Err(_) => continue,
                }
            }
            return Err(Fail);
        }
        "can" => {
            let [expr] = exprs.as_slice() else { return Err(Fail) };
            return match ev.expr(expr, o) {
                Ok(value) if !known(&value) => unknown,
                Ok(_) => Ok(attr(Value::Bool(true), span, file)),
                Err(_) => Ok(attr(Value::Bool(false), span, file)),
            };
        }
        _ => {}
    }
    let mut args = Vec::with_capacity(exprs.len());
    for expr in &exprs {
        args.push(ev.expr(expr, o)?);
    }
    if call.args.expand_final() {
        match args.pop().map(|a| a.value) {
            Some(Value::List(items)) => args.extend(items),
            Some(Value::Unknown | Value::Reference(_)) => return unknown,
            _ => return Err(Fail),
        }
    }
    if !PARTIAL.contains(&name) && !args.iter().all(known) {
        return unknown;
    }
    let out = Out { span, file };
    let result = builtin(ev, name, &args, out)?;
    match &result.value {
        Value::String(s) if s.len() > limits::STRING_BYTES => {
            ev.loader.note(format!("{name}: a result longer than {} bytes is unknown", limits::STRING_BYTES));
            unknown
        }
        Value::List(items) if items.len() > limits::LIST_ITEMS => {
            ev.loader.note(format!("{name}: a result of more than {} items is unknown", limits::LIST_ITEMS));
            unknown
        }
        _ => Ok(result),
    }
}

#[derive(Clone, Copy)]
struct Out {
    span: Span,
    file: u32,
}

impl Out {
    fn v(self, value: Value) -> R {
        Ok(attr(value, self.span, self.file))
    }
    fn s(self, s: impl Into<String>) -> R {
        self.v(Value::String(s.into()))
    }
    fn n(self, n: f64) -> R {
        self.v(Value::Number(n))
    }
    fn b(self, b: bool) -> R {
        self.v(Value::Bool(b))
    }
    fn list(self, items: Vec<Attr>) -> R {
        self.v(Value::List(items))
    }
    fn unknown(self) -> R {
        self.v(Value::Unknown)
    }
}

fn string(a: &Attr) -> Result<String, Fail> {
    text(a)?.ok_or(Fail)
}

fn num(a: &Attr) -> Result<f64, Fail> {
    number(a)?.ok_or(Fail)
}

fn int(a: &Attr) -> Result<i64, Fail> {
    let n = num(a)?;
    if n.fract() != 0.0 {
        return Err(Fail);
    }
    Ok(n as i64)
}

fn list(a: &Attr) -> Result<&[Attr], Fail> {
    match &a.value {
        Value::List(items) => Ok(items),
        _ => Err(Fail),
    }
}

fn strings(a: &Attr) -> Result<Vec<String>, Fail> {
    list(a)?.iter().map(string).collect()
}

fn arg(args: &[Attr], i: usize) -> Result<&Attr, Fail> {
    args.get(i).ok_or(Fail)
}

fn builtin(ev: &mut Eval, name: &str, args: &[Attr], out: Out) -> R {
    let a0 = || arg(args, 0);
    let a1 = || arg(args, 1);
    let a2 = || arg(args, 2);
    match name {
        // ---- values that pass through
        "sensitive" | "nonsensitive" => a0().cloned(),
        "tostring" => match &a0()?.value {
            Value::Null => out.v(Value::Null),
            Value::Unknown | Value::Reference(_) => out.unknown(),
            _ => out.s(string(a0()?)?),
        },
        "tonumber" => match &a0()?.value {
            Value::Null => out.v(Value::Null),
            _ => out.n(num(a0()?)?),
        },
        "tobool" => match &a0()?.value {
            Value::Null => out.v(Value::Null),
            _ => out.b(boolean(a0()?)?.ok_or(Fail)?),
        },
        "tolist" => match &a0()?.value {
            Value::List(_) | Value::Null => a0().cloned(),
            Value::Unknown | Value::Reference(_) => out.unknown(),
            _ => Err(Fail),
        },
        "toset" => {
            let mut items = list(a0()?)?.to_vec();
            dedup(&mut items);
            if items.iter().all(|i| matches!(i.value, Value::String(_))) {
                items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
            out.list(items)
        }
        "tomap" => match &a0()?.value {
            Value::Object(_) | Value::Null => a0().cloned(),
            Value::Unknown | Value::Reference(_) => out.unknown(),
            _ => Err(Fail),
        },

        // ---- collections
        "length" => match &a0()?.value {
            Value::List(items) => out.n(items.len() as f64),
            Value::Object(entries) => out.n(entries.len() as f64),
            Value::String(s) => out.n(s.chars().count() as f64),
            Value::Unknown | Value::Reference(_) => out.unknown(),
            _ => Err(Fail),
        },
        "concat" => {
            let mut items = Vec::new();
            for a in args {
                match &a.value {
                    Value::List(more) => items.extend(more.iter().cloned()),
                    Value::Unknown | Value::Reference(_) => return out.unknown(),
                    _ => return Err(Fail),
                }
            }
            out.list(items)
        }
        "merge" => {
            let mut entries: Vec<(String, Attr)> = Vec::new();
            for a in args {
                match &a.value {
                    Value::Object(more) => {
                        for (k, v) in more {
                            match entries.iter_mut().find(|(key, _)| key == k) {
                                Some(entry) => entry.1 = v.clone(),
                                None => entries.push((k.clone(), v.clone())),
                            }
                        }
                    }
                    Value::Null => {}
                    Value::Unknown | Value::Reference(_) => return out.unknown(),
                    _ => return Err(Fail),
                }
            }
            out.v(Value::Object(entries))
        }
        "flatten" => {
            fn flat(items: &[Attr], into: &mut Vec<Attr>) -> Result<bool, Fail> {
                for item in items {
                    match &item.value {
                        Value::List(inner) => {
                            if !flat(inner, into)? {
                                return Ok(false);
                            }
                        }
                        Value::Unknown => return Ok(false),
                        _ => into.push(item.clone()),
                    }
                }
                Ok(true)
            }
            let mut items = Vec::new();
            match &a0()?.value {
                Value::List(inner) if flat(inner, &mut items)? => out.list(items),
                Value::List(_) | Value::Unknown | Value::Reference(_) => out.unknown(),
                _ => Err(Fail),
            }
        }
        "element" => {
            let items = match &a0()?.value {
                Value::List(items) => items,
                Value::Unknown | Value::Reference(_) => return out.unknown(),
                _ => return Err(Fail),
            };
            let Some(i) = number(a1()?)? else { return out.unknown() };
            if items.is_empty() || i < 0.0 || i.fract() != 0.0 {
                return Err(Fail);
            }
            Ok(items[(i as usize) % items.len()].clone())
        }
        "lookup" => {
            let Some(key) = text(a1()?)? else { return out.unknown() };
            match &a0()?.value {
                Value::Object(entries) => match entries.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => Ok(v.clone()),
                    None => args.get(2).cloned().ok_or(Fail),
                },
                Value::Unknown | Value::Reference(_) => out.unknown(),
                _ => Err(Fail),
            }
        }
        "coalesce" => {
            for a in args {
                match &a.value {
                    Value::Null => {}
                    Value::String(s) if s.is_empty() => {}
                    Value::Unknown => return out.unknown(),
                    _ => return Ok(a.clone()),
                }
            }
            Err(Fail)
        }
        "coalescelist" => {
            for a in args {
                match &a.value {
                    Value::List(items) if items.is_empty() => {}
                    Value::List(_) => return Ok(a.clone()),
                    Value::Unknown | Value::Reference(_) => return out.unknown(),
                    _ => return Err(Fail),
                }
            }
            Err(Fail)
        }
        "keys" | "values" => match &a0()?.value {
            Value::Object(entries) => {
                let sorted = sorted_entries(entries);
                out.list(if name == "keys" {
                    sorted.into_iter().map(|(k, _)| attr(Value::String(k), out.span, out.file)).collect()
                } else {
                    sorted.into_iter().map(|(_, v)| v).collect()
                })
            }
            Value::Unknown | Value::Reference(_) => out.unknown(),
            _ => Err(Fail),
        },
        "one" => match &a0()?.value {
            Value::List(items) if items.is_empty() => out.v(Value::Null),
            Value::List(items) if items.len() == 1 => Ok(items[0].clone()),
            Value::Unknown | Value::Reference(_) => out.unknown(),
            _ => Err(Fail),
        },
        "reverse" => match &a0()?.value {
            Value::List(items) => out.list(items.iter().rev().cloned().collect()),
            Value::Unknown | Value::Reference(_) => out.unknown(),
            _ => Err(Fail),
        },
        "slice" => {
            let items = match &a0()?.value {
                Value::List(items) => items,
                Value::Unknown | Value::Reference(_) => return out.unknown(),
                _ => return Err(Fail),
            };
            let (Some(start), Some(end)) = (number(a1()?)?, number(a2()?)?) else { return out.unknown() };
            let (start, end) = (start as usize, end as usize);
            if start > end || end > items.len() {
                return Err(Fail);
            }
            out.list(items[start..end].to_vec())
        }
        "contains" | "index" => {
            let items = match &a0()?.value {
                Value::List(items) => items,
                Value::Unknown | Value::Reference(_) => return out.unknown(),
                _ => return Err(Fail),
            };
            let wanted = a1()?;
            if !known(wanted) {
                return out.unknown();
            }
            match items.iter().position(|i| known(i) && same(&i.value, &wanted.value)) {
                Some(i) if name == "index" => out.n(i as f64),
                Some(_) => out.b(true),
                None if !items.iter().all(known) => out.unknown(),
                None if name == "index" => Err(Fail),
                None => out.b(false),
            }
        }
        "zipmap" => {
            let keys = match &a0()?.value {
                Value::List(_) if known(a0()?) => strings(a0()?)?,
                _ => return out.unknown(),
            };
            let values = match &a1()?.value {
                Value::List(items) => items,
                _ => return out.unknown(),
            };
            if keys.len() != values.len() {
                return Err(Fail);
            }
            out.v(Value::Object(keys.into_iter().zip(values.iter().cloned()).collect()))
        }
        "distinct" => {
            let mut items = list(a0()?)?.to_vec();
            dedup(&mut items);
            out.list(items)
        }
        "compact" => {
            let items = list(a0()?)?
                .iter()
                .filter(|i| !matches!(&i.value, Value::Null) && i.as_str() != Some(""))
                .cloned()
                .collect();
            out.list(items)
        }
        "sort" => {
            let mut items = strings(a0()?)?;
            items.sort();
            out.list(items.into_iter().map(|s| attr(Value::String(s), out.span, out.file)).collect())
        }
        "range" => {
            let nums: Vec<f64> = args.iter().map(num).collect::<Result<_, _>>()?;
            let (start, end, step) = match nums.as_slice() {
                [end] => (0.0, *end, 1.0),
                [start, end] => (*start, *end, if start <= end { 1.0 } else { -1.0 }),
                [start, end, step] => (*start, *end, *step),
                _ => return Err(Fail),
            };
            if step == 0.0 || (step > 0.0 && start > end) || (step < 0.0 && start < end) {
                return if start == end { out.list(Vec::new()) } else { Err(Fail) };
            }
            let count = ((end - start) / step).ceil();
            if count > limits::LIST_ITEMS as f64 {
                return out.unknown();
            }
            out.list(
                (0..count as usize)
                    .map(|i| attr(Value::Number(start + step * i as f64), out.span, out.file))
                    .collect(),
            )
        }
        "chunklist" => {
            let items = list(a0()?)?;
            let size = int(a1()?)?;
            if size < 0 {
                return Err(Fail);
            }
            if size == 0 {
                return out.list(vec![a0()?.clone()]);
            }
            out.list(
                items
                    .chunks(size as usize)
                    .map(|c| attr(Value::List(c.to_vec()), out.span, out.file))
                    .collect(),
            )
        }
        "setunion" | "setintersection" | "setsubtract" => {
            let sets: Vec<&[Attr]> = args.iter().map(list).collect::<Result<_, _>>()?;
            let first = sets.first().ok_or(Fail)?;
            let contains = |set: &[Attr], v: &Attr| set.iter().any(|x| same(&x.value, &v.value));
            let mut items: Vec<Attr> = match name {
                "setunion" => sets.iter().flat_map(|s| s.iter().cloned()).collect(),
                "setintersection" => {
                    first.iter().filter(|v| sets[1..].iter().all(|s| contains(s, v))).cloned().collect()
                }
                _ => first.iter().filter(|v| !sets[1..].iter().any(|s| contains(s, v))).cloned().collect(),
            };
            dedup(&mut items);
            out.list(items)
        }
        "alltrue" | "anytrue" => {
            let bools: Vec<bool> =
                list(a0()?)?.iter().map(|i| boolean(i)?.ok_or(Fail)).collect::<Result<_, _>>()?;
            out.b(if name == "alltrue" { bools.iter().all(|b| *b) } else { bools.iter().any(|b| *b) })
        }
        "sum" => out.n(list(a0()?)?.iter().map(num).sum::<Result<f64, _>>()?),

        // ---- numbers
        "abs" => out.n(num(a0()?)?.abs()),
        "ceil" => out.n(num(a0()?)?.ceil()),
        "floor" => out.n(num(a0()?)?.floor()),
        "signum" => out.n(num(a0()?)?.signum()),
        "pow" => out.n(num(a0()?)?.powf(num(a1()?)?)),
        "log" => out.n(num(a0()?)?.log(num(a1()?)?)),
        "max" | "min" => {
            let nums: Vec<f64> = args.iter().map(num).collect::<Result<_, _>>()?;
            let first = *nums.first().ok_or(Fail)?;
            out.n(nums.into_iter().fold(first, if name == "max" { f64::max } else { f64::min }))
        }
        "parseint" => {
            let base = int(a1()?)?;
            if !(2..=36).contains(&base) {
                return Err(Fail);
            }
            let n = i64::from_str_radix(&string(a0()?)?, base as u32).map_err(|_| Fail)?;
            out.n(n as f64)
        }

        // ---- strings
        "lower" => out.s(string(a0()?)?.to_lowercase()),
        "upper" => out.s(string(a0()?)?.to_uppercase()),
        "title" => {
            let s = string(a0()?)?;
            let mut start = true;
            let titled: String = s
                .chars()
                .map(|c| {
                    let c2 = if start { c.to_uppercase().next().unwrap_or(c) } else { c };
                    start = !c.is_alphanumeric();
                    c2
                })
                .collect();
            out.s(titled)
        }
        "trimspace" => out.s(string(a0()?)?.trim()),
        "chomp" => out.s(string(a0()?)?.trim_end_matches(['\n', '\r'])),
        "trim" => {
            let chars: Vec<char> = string(a1()?)?.chars().collect();
            out.s(string(a0()?)?.trim_matches(|c| chars.contains(&c)))
        }
        "trimprefix" => {
            let s = string(a0()?)?;
            let p = string(a1()?)?;
            out.s(s.strip_prefix(p.as_str()).unwrap_or(&s))
        }
        "trimsuffix" => {
            let s = string(a0()?)?;
            let p = string(a1()?)?;
            out.s(s.strip_suffix(p.as_str()).unwrap_or(&s))
        }
        "startswith" => out.b(string(a0()?)?.starts_with(&string(a1()?)?)),
        "endswith" => out.b(string(a0()?)?.ends_with(&string(a1()?)?)),
        "strcontains" => out.b(string(a0()?)?.contains(&string(a1()?)?)),
        "strrev" => out.s(string(a0()?)?.chars().rev().collect::<String>()),
        "join" => {
            let sep = string(a0()?)?;
            let mut parts = Vec::new();
            for a in &args[1..] {
                parts.extend(strings(a)?);
            }
            if parts.iter().map(|p| p.len() + sep.len()).sum::<usize>() > limits::STRING_BYTES {
                return out.unknown();
            }
            out.s(parts.join(&sep))
        }
        "split" => {
            let sep = string(a0()?)?;
            let s = string(a1()?)?;
            let parts: Vec<Attr> = if sep.is_empty() {
                s.chars().map(|c| attr(Value::String(c.to_string()), out.span, out.file)).collect()
            } else {
                s.split(sep.as_str())
                    .map(|p| attr(Value::String(p.to_string()), out.span, out.file))
                    .collect()
            };
            out.list(parts)
        }
        "substr" => {
            let s: Vec<char> = string(a0()?)?.chars().collect();
            let (offset, length) = (int(a1()?)?, int(a2()?)?);
            let len = s.len() as i64;
            let start = if offset < 0 { (len + offset).max(0) } else { offset.min(len) };
            let end = if length < 0 { len } else { (start + length).min(len) };
            out.s(s[start as usize..end.max(start) as usize].iter().collect::<String>())
        }
        "indent" => {
            let n = int(a0()?)?.clamp(0, 1024) as usize;
            let s = string(a1()?)?;
            let pad = " ".repeat(n);
            if s.len() + s.matches('\n').count() * n > limits::STRING_BYTES {
                return out.unknown();
            }
            out.s(s.replace('\n', &format!("\n{pad}")))
        }
        "replace" => {
            let s = string(a0()?)?;
            let find = string(a1()?)?;
            let with = string(a2()?)?;
            if find.len() >= 2 && find.starts_with('/') && find.ends_with('/') {
                let re = regex(&find[1..find.len() - 1])?;
                let count = re.find_iter(&s).take(limits::LIST_ITEMS).count();
                if s.len() + count * with.len() > limits::STRING_BYTES {
                    return out.unknown();
                }
                return out.s(re.replace_all(&s, with.as_str()).into_owned());
            }
            let count =
                if find.is_empty() { s.chars().count() + 1 } else { s.matches(find.as_str()).count() };
            if s.len() + count.saturating_mul(with.len()) > limits::STRING_BYTES {
                return out.unknown();
            }
            out.s(s.replace(find.as_str(), &with))
        }
        "regex" | "regexall" => {
            let re = regex(&string(a0()?)?)?;
            let s = string(a1()?)?;
            let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
            let capture = |c: regex::Captures| -> Attr {
                let text = |m: Option<regex::Match>| {
                    attr(m.map_or(Value::Null, |m| Value::String(m.as_str().to_string())), out.span, out.file)
                };
                if names.is_empty() {
                    text(c.get(0))
                } else if names.iter().all(Option::is_some) {
                    let entries =
                        names.iter().flatten().map(|n| (n.to_string(), text(c.name(n)))).collect::<Vec<_>>();
                    attr(Value::Object(entries), out.span, out.file)
                } else {
                    attr(Value::List((1..=names.len()).map(|i| text(c.get(i))).collect()), out.span, out.file)
                }
            };
            if name == "regex" {
                Ok(capture(re.captures(&s).ok_or(Fail)?))
            } else {
                out.list(re.captures_iter(&s).take(limits::LIST_ITEMS).map(capture).collect())
            }
        }
        "format" => out.s(format(&string(a0()?)?, &args[1..])?),
        "formatlist" => {
            let fmt = string(a0()?)?;
            let len = args[1..].iter().find_map(|a| match &a.value {
                Value::List(items) => Some(items.len()),
                _ => None,
            });
            let Some(len) = len else { return out.list(vec![out.s(format(&fmt, &args[1..])?)?]) };
            let mut items = Vec::with_capacity(len);
            for i in 0..len {
                let row: Vec<Attr> = args[1..]
                    .iter()
                    .map(|a| match &a.value {
                        Value::List(items) => items.get(i).cloned().ok_or(Fail),
                        _ => Ok(a.clone()),
                    })
                    .collect::<Result<_, _>>()?;
                items.push(out.s(format(&fmt, &row)?)?);
            }
            out.list(items)
        }

        // ---- encodings
        "jsonencode" => {
            let value = a0()?;
            if is_pending(value) {
                return out.unknown();
            }
            out.s(serde_json::to_string(&to_json_partial(value)).map_err(|_| Fail)?)
        }
        "jsondecode" => {
            let json: serde_json::Value = serde_json::from_str(&string(a0()?)?).map_err(|_| Fail)?;
            Ok(from_json(&json, out.span, out.file))
        }
        "yamldecode" => {
            let stream = bosun_syntax::yaml::parse_stream(&string(a0()?)?);
            if stream.error.is_some() || stream.documents.len() > 1 {
                return Err(Fail);
            }
            match stream.documents.first() {
                Some(doc) => Ok(from_yaml(&doc.root, out)),
                None => out.v(Value::Null),
            }
        }
        "base64encode" => out.s(base64_encode(string(a0()?)?.as_bytes())),
        "base64decode" => {
            let bytes = base64_decode(&string(a0()?)?).ok_or(Fail)?;
            out.s(String::from_utf8(bytes).map_err(|_| Fail)?)
        }
        "urlencode" => {
            let s = string(a0()?)?;
            let mut encoded = String::new();
            for b in s.bytes() {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    encoded.push(b as char);
                } else {
                    encoded.push_str(&format!("%{b:02X}"));
                }
            }
            out.s(encoded)
        }

        // ---- files of the module
        "file" | "filebase64" | "fileexists" | "templatefile" => file_function(ev, name, args, out),
        "basename" => {
            let s = string(a0()?)?;
            out.s(s.trim_end_matches('/').rsplit('/').next().unwrap_or(""))
        }
        "dirname" => {
            let s = string(a0()?)?;
            out.s(match s.trim_end_matches('/').rfind('/') {
                Some(0) => "/".to_string(),
                Some(i) => s[..i].to_string(),
                None => ".".to_string(),
            })
        }

        // ---- IP networks (IPv4)
        "cidrsubnet" => {
            let (base, len) = cidr(&string(a0()?)?)?;
            let (newbits, netnum) = (int(a1()?)?, int(a2()?)?);
            let new_len = len as i64 + newbits;
            if !(0..=32).contains(&new_len)
                || newbits < 0
                || netnum < 0
                || netnum >= (1i64 << newbits.min(32))
            {
                return Err(Fail);
            }
            let net = if new_len == 32 { 0 } else { (netnum as u32) << (32 - new_len) };
            out.s(format!("{}/{}", ipv4(base | net), new_len))
        }
        "cidrhost" => {
            let (base, len) = cidr(&string(a0()?)?)?;
            let host = int(a1()?)?;
            let size = 1i64 << (32 - len);
            let host = if host < 0 { size + host } else { host };
            if host < 0 || host >= size {
                return Err(Fail);
            }
            out.s(ipv4(base | host as u32))
        }
        "cidrnetmask" => {
            let (_, len) = cidr(&string(a0()?)?)?;
            out.s(ipv4(mask(len)))
        }

        // timestamp, uuid, hashes, ...: not known before apply, or not modelled.
        _ => out.unknown(),
    }
}

/// Removes later duplicates.
fn dedup(items: &mut Vec<Attr>) {
    let mut kept: Vec<Attr> = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        if !kept.iter().any(|k| same(&k.value, &item.value)) {
            kept.push(item);
        }
    }
    *items = kept;
}

fn regex(pattern: &str) -> Result<regex::Regex, Fail> {
    regex::RegexBuilder::new(pattern).size_limit(1 << 20).build().map_err(|_| Fail)
}

/// Go-style `format`: `%s %d %v %q %t %f %%`, with a precision for `%f`.
fn format(fmt: &str, args: &[Attr]) -> Result<String, Fail> {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    let mut next = 0;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut precision = None;
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut digits = String::new();
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(*d);
                chars.next();
            }
            precision = Some(digits.parse::<usize>().map_err(|_| Fail)?.min(64));
        }
        let verb = chars.next().ok_or(Fail)?;
        if verb == '%' {
            out.push('%');
            continue;
        }
        let a = args.get(next).ok_or(Fail)?;
        next += 1;
        match verb {
            's' | 'v' | 't' => match &a.value {
                Value::List(_) | Value::Object(_) if verb == 'v' => {
                    out.push_str(&serde_json::to_string(&to_json(a).ok_or(Fail)?).map_err(|_| Fail)?)
                }
                _ => out.push_str(&string(a)?),
            },
            'd' => out.push_str(&format_number(num(a)?.trunc())),
            'f' => out.push_str(&format!("{:.*}", precision.unwrap_or(6), num(a)?)),
            'q' => out.push_str(&serde_json::to_string(&string(a)?).map_err(|_| Fail)?),
            _ => return Err(Fail),
        }
        if out.len() > limits::STRING_BYTES {
            return Err(Fail);
        }
    }
    Ok(out)
}

fn from_yaml(node: &bosun_syntax::yaml::Node, out: Out) -> Attr {
    use bosun_syntax::yaml::Value as Y;
    let value = match &node.value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Int(i) => Value::Number(*i as f64),
        Y::Float(f) => Value::Number(*f),
        Y::String(s) => Value::String(s.clone()),
        Y::Seq(items) => Value::List(items.iter().map(|i| from_yaml(i, out)).collect()),
        Y::Map(entries) => Value::Object(
            entries.iter().filter_map(|(k, v)| Some((k.scalar_text()?, from_yaml(v, out)))).collect(),
        ),
    };
    attr(value, out.span, out.file)
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            break;
        }
        let v = BASE64.iter().position(|&b| b == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits & 0xff) as u8);
        }
    }
    Some(out)
}

fn cidr(text: &str) -> Result<(u32, u32), Fail> {
    let (ip, len) = text.split_once('/').ok_or(Fail)?;
    let ip: std::net::Ipv4Addr = ip.parse().map_err(|_| Fail)?;
    let len: u32 = len.parse().map_err(|_| Fail)?;
    if len > 32 {
        return Err(Fail);
    }
    Ok((u32::from(ip) & mask(len), len))
}

fn mask(len: u32) -> u32 {
    if len == 0 {
        0
    } else {
        u32::MAX << (32 - len)
    }
}

fn ipv4(n: u32) -> String {
    std::net::Ipv4Addr::from(n).to_string()
}

/// `file`, `filebase64`, `fileexists`, `templatefile`: only files inside the root
/// module's or the calling module's directory, within the size limit.
fn file_function(ev: &mut Eval, name: &str, args: &[Attr], out: Out) -> R {
    let given = string(arg(args, 0)?)?;
    let Some(path) = module_path(ev, &given) else {
        ev.loader.note(format!("{name}(\"{given}\"): outside the module; its value is unknown"));
        return out.unknown();
    };
    if name == "fileexists" {
        return out.b(ev.loader.files.is_file(&path));
    }
    if name == "templatefile" && ev.template_file {
        return Err(Fail);
    }
    let text = match ev.loader.read(&path, limits::FUNCTION_FILE_BYTES) {
        Ok(text) => text,
        Err(message) => {
            ev.loader.note(format!("{name}(\"{given}\"): {message}; its value is unknown"));
            return out.unknown();
        }
    };
    match name {
        "file" => out.s(text),
        "filebase64" => out.s(base64_encode(text.as_bytes())),
        _ => {
            let vars = match &arg(args, 1)?.value {
                Value::Object(entries) => entries.clone(),
                _ => return Err(Fail),
            };
            let Ok(template) = hcl_edit::parser::parse_template(&text) else { return Err(Fail) };
            let mut inner = Eval { loader: ev.loader, inst: None, bindings: vars, template_file: true };
            let value = inner.template(&template, Origin::Fixed(out.file, out.span))?;
            if is_pending(&value) {
                return out.unknown();
            }
            Ok(attr(value.value, out.span, out.file))
        }
    }
}

/// A path as Terraform resolves it (from the root module's directory), when it
/// stays within the root module's or the current module's directory.
fn module_path(ev: &Eval, given: &str) -> Option<PathBuf> {
    let given = Path::new(given);
    if given.is_absolute() {
        return None;
    }
    let root = &ev.loader.root_dir;
    let path = normalize(&root.join(given));
    let inside = |dir: &Path| {
        path.strip_prefix(dir).is_ok_and(|rest| !rest.components().any(|c| matches!(c, Component::ParentDir)))
    };
    let module_dir = ev.inst.map(|i| i.config.dir.clone());
    if inside(root) || module_dir.as_deref().is_some_and(inside) {
        Some(path)
    } else {
        None
    }
}
