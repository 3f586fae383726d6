//! Creating accounts: the credentials go to the store (hashed), the affiliation and roles go
//! through the write path as commands, so the log records who may do what.

use accord_core::{AccountId, Affiliation, Command, CommandPayload, Principal, Role};
use accord_store::{Account, AnyStore, Journal, Store as _};

use crate::auth::hash_password;
use crate::error::AppError;
use crate::viewer::unix_now;

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// The user name, which is also the account's id in the log.
    pub username: String,
    /// The password (hashed with argon2id before it is stored).
    pub password: String,
    /// Whom it acts for.
    pub affiliation: Affiliation,
    /// Its roles.
    pub roles: Vec<Role>,
}

/// Creates the account and records its affiliation and roles as `by` (an administrator, or
/// the system when a node is set up).
pub async fn create(
    journal: &Journal<AnyStore>,
    by: &Principal,
    new: NewAccount,
) -> Result<AccountId, AppError> {
    let id = AccountId::parse(&new.username).map_err(|e| {
        AppError::Invalid(vec![crate::error::FieldError {
            field: "username".into(),
            message: e.to_string(),
        }])
    })?;
    let password = new.password;
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| AppError::internal("password hashing", e))??;
    journal
        .store()
        .create_account(&Account {
            id: id.as_str().to_owned(),
            username: new.username,
            password_hash: hash,
            created_at: unix_now(),
            disabled: false,
        })
        .await
        .map_err(|e| match e {
            accord_store::StoreError::Duplicate(_) => {
                AppError::Conflict(format!("the account {id} exists already"))
            }
            other => other.into(),
        })?;
    let mut commands = vec![CommandPayload::GrantAffiliation {
        account: id.clone(),
        affiliation: new.affiliation,
    }];
    commands.extend(new.roles.into_iter().map(|role| CommandPayload::GrantRole {
        account: id.clone(),
        role,
    }));
    for payload in commands {
        journal
            .submit(Command {
                principal: by.clone(),
                payload,
            })
            .await?;
    }
    Ok(id)
}
