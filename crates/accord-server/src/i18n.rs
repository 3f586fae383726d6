//! The message catalogue: every string a page shows, per language, in Fluent (with each
//! language's plural rules), compiled into the binary. Templates ask a [`Tr`] for messages by id.

use std::borrow::Cow;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiLang {
    /// Russian.
    Ru,
    /// English.
    En,
}

impl UiLang {
    /// Every interface language, in the order the switch shows them.
    pub const ALL: [UiLang; 2] = [UiLang::Ru, UiLang::En];

    /// The BCP 47 tag.
    pub fn code(self) -> &'static str {
        match self {
            UiLang::Ru => "ru",
            UiLang::En => "en",
        }
    }

    /// The language with this tag (or whose primary subtag this is).
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?.trim();
        UiLang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The first language of an `Accept-Language` header the interface speaks, by weight.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(UiLang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(|t| UiLang::parse(t.trim())) else {
                continue;
            };
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if best.is_none_or(|(_, w)| weight > w) {
                best = Some((lang, weight));
            }
        }
        best.filter(|(_, w)| *w > 0.0).map(|(l, _)| l)
    }

    fn source(self) -> &'static str {
        match self {
            UiLang::Ru => include_str!("../locales/ru.ftl"),
            UiLang::En => include_str!("../locales/en.ftl"),
        }
    }
}

/// The compiled catalogue of every interface language.
pub struct Catalog {
    bundles: Vec<(UiLang, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("languages", &self.bundles.len())
            .finish()
    }
}

/// A catalogue that does not parse: a defect of the build, found by the tests.
#[derive(Debug, thiserror::Error)]
#[error("the {lang} message catalogue is broken: {reason}")]
pub struct CatalogError {
    lang: &'static str,
    reason: String,
}

impl Catalog {
    /// Compiles the catalogues embedded in the binary.
    pub fn load() -> Result<Arc<Catalog>, CatalogError> {
        let mut bundles = Vec::new();
        for lang in UiLang::ALL {
            let fail = |reason: String| CatalogError {
                lang: lang.code(),
                reason,
            };
            let resource = FluentResource::try_new(lang.source().to_owned())
                .map_err(|(_, errors)| fail(format!("{errors:?}")))?;
            let id = lang
                .code()
                .parse()
                .map_err(|e| fail(format!("language tag: {e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // No Unicode isolation marks around arguments: the pages set `dir` themselves.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| fail(format!("{errors:?}")))?;
            bundles.push((lang, bundle));
        }
        Ok(Arc::new(Catalog { bundles }))
    }

    /// The translator for one language.
    pub fn tr(&self, lang: UiLang) -> Tr<'_> {
        let bundle = &self
            .bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("every interface language is loaded")
            .1;
        Tr { lang, bundle }
    }

    /// The message ids of one language (for the tests that compare catalogues).
    pub fn ids(lang: UiLang) -> Vec<String> {
        let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(r, _)| r);
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }
}

/// Messages in one language.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    lang: UiLang,
    bundle: &'a FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Tr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tr").field("lang", &self.lang).finish()
    }
}

impl<'a> Tr<'a> {
    /// The language.
    pub fn lang(&self) -> UiLang {
        self.lang
    }

    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with one named string argument.
    pub fn a(&self, id: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name, FluentValue::from(value));
        self.format(id, Some(&args))
    }

    /// The message `id` with a count, chosen by the language's plural rules.
    pub fn n(&self, id: &str, count: u64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        self.format(id, Some(&args))
    }

    /// The message `id` with named arguments; numbers select plural forms.
    pub fn args(&self, id: &str, pairs: &[(&str, Arg<'_>)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in pairs {
            match value {
                Arg::Str(s) => args.set(*name, FluentValue::from(*s)),
                Arg::Num(n) => args.set(*name, FluentValue::from(*n)),
            }
        }
        self.format(id, Some(&args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(message.id = id, lang = self.lang.code(), "no such message");
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text: Cow<'_, str> = self.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                message.id = id,
                lang = self.lang.code(),
                ?errors,
                "message formatting"
            );
        }
        text.into_owned()
    }
}

/// A message argument.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// A string.
    Str(&'a str),
    /// A number (selects plural forms).
    Num(u64),
}
