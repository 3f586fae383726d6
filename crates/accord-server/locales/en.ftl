# Accord's user interface in English. Every string a page shows comes from here.

site-name = Accord
skip-to-content = Skip to content
nav-main = Main
nav-home = Home
nav-workspace = My workspace
nav-organisation = Organisation
nav-record = Record
nav-api = API
nav-admin = Administration
nav-login = Sign in
nav-logout = Sign out
lang-switch = Language
lang-name-ru = Русский
lang-name-en = English
signed-in-as = Signed in as { $name }
reading-as = { $affiliation }
footer-text = The record of this organisation is an append-only log; every member state can verify it.

affiliation-public = Public
affiliation-delegation = Delegation of { $state }
affiliation-observer = Observer state { $state }
affiliation-partner-state = Partner state { $state }
affiliation-partner-organisation = Partner organisation { $partner }
affiliation-secretariat = Secretariat
affiliation-crisis-centre = Crisis Response Centre
affiliation-joint-staff = Joint Staff
affiliation-administrator = Administrator
affiliation-system = The organisation's server
affiliation-none = No affiliation yet

role-head_of_delegation = head of delegation
role-delegate = delegate
role-officer = officer
role-national_centre = national crisis centre
role-liaison = liaison officer

class-public = public
class-restricted = restricted
class-confidential = confidential

status-member = member
status-observer = observer
status-partner = partner

missing-translation = (no { $lang } text; shown in the authentic language)

login-title = Sign in
login-intro = Sign in with the account the Secretariat gave you.
login-username = User name
login-password = Password
login-submit = Sign in
login-failed = The user name or the password is wrong.
login-throttled = Too many failed attempts. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.

public-home-title = { $organisation }
public-home-intro = The digital secretariat and crisis response centre of the organisation. The record of its decisions can be verified by every member state.
public-home-members = { $count ->
    [one] { $count } member state
   *[other] { $count } member states
}
public-home-entries = { $count ->
    [one] The record holds { $count } entry.
   *[other] The record holds { $count } entries.
}

workspace-title = My workspace
workspace-intro = You act for: { $affiliation }.
workspace-roles = Roles
workspace-no-roles = none
workspace-recent = Latest entries you may read
workspace-links = Where to go
workspace-about-delegation = Your delegation reads the drafts circulated to it in its language, states its country's positions and signs adopted texts here.
workspace-about-observer = As an observer state you read what the organisation has released to you; you do not take part in its decisions.
workspace-about-partner-state = As a partner state you read what the organisation has released to you under its agreement with you.
workspace-about-partner-organisation = As a partner organisation you exchange alerts and read what has been released to you under your exchange agreement.
workspace-about-secretariat = The Secretariat prepares sessions and agendas, circulates drafts, runs decision procedures, records outcomes and publishes.
workspace-about-crisis-centre = The Crisis Response Centre watches incoming alerts, runs incidents, writes situation reports and tracks deployments.
workspace-about-joint-staff = The Joint Staff keeps the registry of the collective forces' units, their readiness and their deployments.
workspace-about-administrator = As administrator you manage accounts and the API tokens of machine clients; you read only what is public or released to you.

org-title = The organisation
org-founded = Founded on { $date }
org-languages = Official languages
org-authentic = authentic
org-members = States of the registry
org-col-code = Code
org-col-name = Name
org-col-status = Status
org-col-since = Since
org-bodies = Bodies
org-chair = Chair on { $date }
org-no-chair = No chair on { $date }
org-partners = Partner organisations

record-title = The record
record-intro = Every change to the organisation's state is an entry in this append-only log. A reader sees every entry; only those cleared for it see its body.
record-size = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
record-col-seq = No.
record-col-kind = Kind
record-col-time = Time (UTC)
record-col-actor = Actor
record-col-class = Classification
record-older = Older entries
record-newer = Newer entries
record-live = New entries appear here as they are recorded.
record-checkpoint = Latest signed checkpoint
record-checkpoint-none = No checkpoint is signed yet.
record-checkpoint-size = Size { $size }, root { $root }
record-witnesses = Witnesses
record-witness-col-state = Witness
record-witness-col-size = Cosigned up to
record-witness-col-time = When
record-witness-none = No witness has cosigned yet.
record-witnessed = Witnessed: { $have } of the { $need } witnesses required have cosigned this checkpoint.
record-not-witnessed = Not yet witnessed: { $have } of the { $need } witnesses required have cosigned this checkpoint.

entry-title = Entry { $seq }
entry-envelope = Envelope
entry-body = Body
entry-body-hash = Body hash
entry-body-withheld = You are not cleared for this entry's body. Its hash is in the log, so the entry still counts in every verification.
entry-proof = Inclusion proof
entry-proof-against = Against the checkpoint of size { $size }.
entry-proof-pending = This entry is not yet covered by a signed checkpoint. Reload in a moment.
entry-proof-checking = Checking the proof in your browser…
entry-proof-ok = Verified: the entry is in the log under the signed checkpoint.
entry-proof-bad = NOT verified: the proof does not lead to the checkpoint's root.
entry-proof-unavailable = Your browser cannot check the proof here (no Web Crypto). Download it and check it with accord verify.
entry-proof-download = Download the proof (C2SP tlog-proof)
entry-proof-offline = Check it offline: accord verify-proof FILE --key LOG-KEY

kind-organisation-founded = Organisation founded
kind-member-admitted = State admitted
kind-member-status_changed = Status of a state changed
kind-account-affiliation_granted = Affiliation granted
kind-account-affiliation_revoked = Affiliation revoked
kind-account-role_granted = Role granted
kind-account-role_revoked = Role revoked
kind-note-recorded = Note recorded
kind-unknown = { $kind }

admin-title = Administration
admin-tokens = API tokens for machine clients
admin-token-col-name = Name
admin-token-col-account = Account
admin-token-col-created = Created
admin-token-col-state = State
admin-token-active = active
admin-token-revoked = revoked
admin-token-revoke = Revoke
admin-token-revoke-confirm = Revoke this token? Its client will be refused from now on.
admin-token-new = New token
admin-token-account = For account
admin-token-name = Name
admin-token-create = Create
admin-token-created = Token created. Copy it now: it is shown only once.
admin-no-tokens = No tokens yet.

api-title = API reference

error-403-title = Access refused
error-403-text = You may not see this page.
error-403-sign-in = Sign in to continue.
error-404-title = Not found
error-404-text = There is no page at this address.
error-500-title = Something went wrong
error-500-text = The server could not answer. The error is logged; try again later.
error-400-title = The request is not valid
error-413-title = Too large
error-413-text = What you sent is larger than the server accepts.
error-429-title = Too many requests
error-other-title = Error { $status }
error-back-home = Back to the home page

## The calendar feed
calendar-name = Sessions
calendar-conference = Videoconference
