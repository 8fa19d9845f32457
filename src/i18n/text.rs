//! A sentence a person reads, as a message id and arguments, with its English rendering kept.

use super::Lang;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// A sentence for a person: its English rendering, and the message it came from so that it can
/// be rendered in the reader's language. Text that is not a message (a name, a code, a line of
/// evidence) reads the same in every language.
#[derive(Clone, Default)]
pub struct Text {
    en: String,
    message: Option<Arc<Message>>,
}

#[derive(Clone)]
struct Message {
    id: Cow<'static, str>,
    args: Vec<(&'static str, Arg)>,
    /// Values for `%1`, `%2`… in the rendering (event message templates keep Windows' own
    /// insertion marks in every language).
    inserts: Vec<String>,
    /// The English was given rather than rendered (see [`Text::with_en`]).
    en_given: bool,
}

/// `text` with `%1`…`%9` replaced by the inserts, the highest first so `%1` does not eat `%10`.
fn insert(mut text: String, inserts: &[String]) -> String {
    for (i, v) in inserts.iter().enumerate().take(9).rev() {
        text = text.replace(&format!("%{}", i + 1), v.trim());
    }
    text
}

/// A message argument.
#[derive(Clone)]
pub enum Arg {
    Str(String),
    Int(i64),
    /// Another message, rendered in the same language.
    Text(Text),
    /// The first sentence of another message, in the same language (a proof names its
    /// finding's summary by its first sentence).
    Lead(Text),
}

impl Text {
    /// The message `id` with its arguments. A message missing from a catalogue, or naming an
    /// argument it was not given, fails the debug build's tests at the line that built it.
    pub fn new(id: impl Into<Cow<'static, str>>, args: Vec<(&'static str, Arg)>) -> Text {
        let id = id.into();
        let en = super::lookup(Lang::En, &id, &args);
        #[cfg(debug_assertions)]
        for lang in Lang::ALL {
            if let Err(e) = super::lookup(lang, &id, &args) {
                panic!("{e}");
            }
        }
        Text {
            en: en.unwrap_or_else(|_| id.to_string()),
            message: Some(Arc::new(Message {
                id,
                args,
                inserts: Vec::new(),
                en_given: false,
            })),
        }
    }

    /// The same message with its English worded as given: where the English is trimmed or
    /// capitalised from the message's own (a fragment that starts a sentence), which Fluent
    /// cannot do. Other languages render the message.
    pub fn with_en(mut self, en: String) -> Text {
        if let Some(m) = &mut self.message {
            Arc::make_mut(m).en_given = true;
        }
        self.en = en;
        self
    }

    /// The message with Windows' insertion marks (`%1`, `%2`…) filled in, in every language.
    pub fn with_inserts(self, inserts: Vec<String>) -> Text {
        match self.message {
            Some(m) => {
                let mut m = Arc::unwrap_or_clone(m);
                m.inserts = inserts;
                Text {
                    en: insert(self.en, &m.inserts),
                    message: Some(Arc::new(m)),
                }
            }
            None => Text::from(insert(self.en, &inserts)),
        }
    }

    /// The English rendering.
    pub fn en(&self) -> &str {
        &self.en
    }

    /// The rendering in `lang` (English when the catalogue of `lang` lacks the message).
    pub fn local(&self, lang: Lang) -> Cow<'_, str> {
        match &self.message {
            Some(m) if lang != Lang::En => super::lookup(lang, &m.id, &m.args)
                .map(|t| Cow::Owned(insert(t, &m.inserts)))
                .unwrap_or(Cow::Borrowed(&self.en)),
            _ => Cow::Borrowed(&self.en),
        }
    }

    /// Whether the text is a message (translatable) rather than text taken as it is.
    pub fn is_message(&self) -> bool {
        self.message.is_some()
    }

    /// The message id, for a message.
    pub fn id(&self) -> Option<&str> {
        self.message.as_ref().map(|m| &*m.id)
    }

    /// Whether any text is there.
    pub fn is_empty(&self) -> bool {
        self.en.is_empty()
    }

    /// This sentence followed by another (each a whole sentence, so neither language's word
    /// order is broken).
    pub fn then(self, next: impl Into<Text>) -> Text {
        let next = next.into();
        if self.is_empty() {
            return next;
        }
        if next.is_empty() {
            return self;
        }
        crate::tr!("sentences", first = self, next = next)
    }

    /// Rewrites the words that came from evidence (`--redact`): a message's string arguments,
    /// then the message is rendered again, so every language reads the rewritten words; text
    /// that is not a message is rewritten whole.
    pub fn rewrite(&mut self, f: &mut dyn FnMut(&mut String)) {
        let Some(message) = &mut self.message else {
            f(&mut self.en);
            return;
        };
        let message = Arc::make_mut(message);
        for (_, arg) in &mut message.args {
            match arg {
                Arg::Str(s) => f(s),
                Arg::Text(t) | Arg::Lead(t) => t.rewrite(f),
                Arg::Int(_) => {}
            }
        }
        message.inserts.iter_mut().for_each(&mut *f);
        if message.en_given {
            f(&mut self.en);
        } else if let Ok(en) = super::lookup(Lang::En, &message.id, &message.args) {
            self.en = insert(en, &message.inserts);
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.en
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.en)
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.en, f)
    }
}

/// Two texts are equal when they read the same in English (grouping findings by title, tests).
impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.en == other.en
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.en == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.en == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        &self.en == other
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.en
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        *self == other.en
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.en.hash(state)
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.en.cmp(&other.en)
    }
}

impl From<String> for Text {
    fn from(en: String) -> Text {
        Text { en, message: None }
    }
}

impl From<&str> for Text {
    fn from(en: &str) -> Text {
        Text::from(en.to_string())
    }
}

impl From<&String> for Text {
    fn from(en: &String) -> Text {
        Text::from(en.clone())
    }
}

impl From<&Text> for Text {
    fn from(t: &Text) -> Text {
        t.clone()
    }
}

/// JSON keeps the English text: its consumers read a stable language.
impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en)
    }
}

/// The first sentence of a text: up to the first `. ` (English) or `。` (Japanese).
pub(super) fn first_sentence(text: &str) -> &str {
    let english = text.find(". ").map(|i| i + 1);
    let japanese = text.find('。').map(|i| i + '。'.len_utf8());
    let end = match (english, japanese) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or(text.len()),
    };
    text[..end].trim()
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(t)
    }
}

impl From<&Text> for Arg {
    fn from(t: &Text) -> Arg {
        Arg::Text(t.clone())
    }
}

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Arg {
                Arg::from(*n)
            }
        }
    )*};
}

int_arg!(u8, u16, u32, u64, usize, i32, i64);

/// Anything displayed as text (a machine name, a port, a status) is a string argument.
impl Arg {
    pub fn shown(value: impl std::fmt::Display) -> Arg {
        Arg::Str(value.to_string())
    }
}
