//! The secretariat's forms as the pages read them: every field in the order sent (repeated
//! names for multiple choices, dynamic names for one choice per amendment), texts per language
//! as `name.ru`, `name.en`, local date-times with their zone, and the 303 back to the page.

use std::collections::BTreeMap;
use std::str::FromStr;

use accord_core::policy::can;
use accord_core::secretariat::model::ZonedTime;
use accord_core::{Action, Classification, Lang, Resource, State as Records, Text};
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::response::{IntoResponse as _, Redirect, Response};

use crate::access::require;
use crate::error::{AppError, FieldError};
use crate::secretariat::{paragraphs_from, text_from};
use crate::viewer::Ctx;

use super::login::check_csrf;

/// What a form handler extracts: every field as sent.
pub type RawForm = Result<Form<Vec<(String, String)>>, FormRejection>;

/// A signed-in form's fields, its CSRF token checked.
#[derive(Debug)]
pub struct Fields {
    pairs: Vec<(String, String)>,
    errors: Vec<FieldError>,
}

impl Fields {
    /// The fields of a form the reader may send only if the policy lets them `action` (checked
    /// first, so that a refusal is a 403 whatever the form holds), with its CSRF token checked.
    pub fn read(ctx: &Ctx, action: Action, form: RawForm) -> Result<Self, AppError> {
        require(ctx, action, Classification::Public)?;
        Self::checked(ctx, form)
    }

    /// The fields of a form about record `id`, read like [`Fields::read`] and then only if the
    /// reader may see the record (`visible`, which answers 404 otherwise), so that a form about
    /// a record one may not see is refused as a read of it would be.
    pub fn read_about<'s, T>(
        ctx: &Ctx,
        action: Action,
        form: RawForm,
        state: &'s Records,
        id: u64,
        visible: impl FnOnce(&Ctx, &'s Records, u64) -> Result<T, AppError>,
    ) -> Result<Self, AppError> {
        let fields = Self::read(ctx, action, form)?;
        visible(ctx, state, id)?;
        Ok(fields)
    }

    /// The fields of a form, with its CSRF token checked.
    pub fn checked(ctx: &Ctx, form: RawForm) -> Result<Self, AppError> {
        let pairs = super::form_body(form)?;
        let csrf = pairs
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        check_csrf(ctx, csrf)?;
        Ok(Fields {
            pairs,
            errors: Vec::new(),
        })
    }

    /// A field's value, trimmed; `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Every value of a repeated field (a multiple select).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
            .collect()
    }

    /// Every field whose name starts with `prefix`, with the rest of its name.
    pub fn prefixed(&self, prefix: &str) -> Vec<(&str, &str)> {
        self.pairs
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(prefix)?, v.trim())))
            .collect()
    }

    /// Notes a field error.
    pub fn invalid(&mut self, field: &str, message: &str) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        });
    }

    /// A required field.
    pub fn required(&mut self, name: &str) -> Option<String> {
        let value = self.get(name).map(str::to_owned);
        if value.is_none() {
            self.invalid(name, "required");
        }
        value
    }

    /// A required field parsed by `parse`, its error message kept.
    pub fn parsed<T, E: std::fmt::Display>(
        &mut self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let value = self.required(name)?;
        match parse(&value) {
            Ok(v) => Some(v),
            Err(e) => {
                self.invalid(name, &e.to_string());
                None
            }
        }
    }

    /// A required number.
    pub fn number<T: FromStr>(&mut self, name: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        self.parsed(name, str::parse::<T>)
    }

    /// The values of `name.<lang>`, by language tag.
    fn per_lang(&self, name: &str) -> BTreeMap<String, String> {
        self.prefixed(&format!("{name}."))
            .into_iter()
            .map(|(tag, v)| (tag.to_owned(), v.to_owned()))
            .collect()
    }

    /// A text from `name.<lang>` fields; the authentic language is required.
    pub fn text(&mut self, name: &str, authentic: Lang) -> Option<Text> {
        let values = self.per_lang(name);
        text_from(name, &values, authentic, &mut self.errors)
    }

    /// Like [`Fields::text`], but `None` without an error when every language is empty.
    pub fn optional_text(&mut self, name: &str, authentic: Lang) -> Option<Text> {
        let values = self.per_lang(name);
        if values.values().all(|v| v.trim().is_empty()) {
            return None;
        }
        text_from(name, &values, authentic, &mut self.errors)
    }

    /// Paragraphs (separated by blank lines) from `name.<lang>` fields; `None` without an error
    /// when every language is empty and `optional`.
    pub fn paragraphs(&mut self, name: &str, authentic: Lang, optional: bool) -> Option<Vec<Text>> {
        let values = self.per_lang(name);
        if optional && values.values().all(|v| v.trim().is_empty()) {
            return None;
        }
        paragraphs_from(name, &values, authentic, &mut self.errors)
    }

    /// A local date-time (`name`, as `<input type="datetime-local">` sends it) in the IANA
    /// time zone named by the field `zone`.
    pub fn zoned(&mut self, name: &str, zone: &str) -> Option<ZonedTime> {
        let local = self.required(name)?;
        let zone = self.required(zone)?;
        // Browsers leave out the seconds when they are zero.
        let local = if local.len() == 16 {
            format!("{local}:00")
        } else {
            local
        };
        match ZonedTime::from_local(&local, &zone) {
            Ok(t) => Some(t),
            Err(e) => {
                self.invalid(name, &e.to_string());
                None
            }
        }
    }

    /// The form's errors, if any, as the error to answer.
    pub fn finish(&mut self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(std::mem::take(&mut self.errors)))
        }
    }
}

/// A form that passed [`Fields::finish`] yet lacks a value: cannot happen, answered as 400.
pub fn incomplete() -> AppError {
    AppError::BadRequest("the form is incomplete".into())
}

/// Submits a command as the reader and, once it is recorded, sends them back to `to` (303).
pub async fn submit_and_back(
    app: &crate::app::AppState,
    ctx: &Ctx,
    command: accord_core::secretariat::SecretariatCommand,
    to: &str,
) -> Result<Response, AppError> {
    crate::secretariat::submit(app, ctx, command).await?;
    Ok(back(to))
}

/// The 303 back to a page after a form.
pub fn back(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// Whether the policy lets the reader `action` at all (on a public record): which forms a
/// page offers. The command is still decided in full when it is sent.
pub fn may(ctx: &Ctx, action: Action) -> bool {
    can(
        &ctx.viewer.principal,
        action,
        &Resource::classified(Classification::Public),
    )
    .is_allowed()
}
