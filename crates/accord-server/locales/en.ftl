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
error-rule = The rule it breaks
error-back-home = Back to the home page

nav-sessions = Sessions
nav-documents = Documents

field-body = Body
field-number = Number
field-title = Title
field-when = When
field-start = Opens
field-end = Closes
field-zone = Time zone (IANA, such as Europe/Moscow)
field-format = Format
field-link = Videoconference link
field-venue = Venue
field-classification = Classification
field-type = Type
field-forum = Forum (joint statements only)
field-forum-none = none
field-sponsor = Sponsor
field-target-body = Body to adopt it
field-text = Text
field-text-hint = Separate paragraphs by a blank line; give each language the same number of paragraphs. The Russian text is authentic and required.
field-document = Document
field-rule = Decision rule

format-in_person = in person
format-videoconference = by videoconference
format-hybrid = hybrid (venue and videoconference)

session-status-planned = planned
session-status-convened = in session
session-status-concluded = concluded
session-status-cancelled = cancelled

sessions-title = Sessions
sessions-calendar = Subscribe to the calendar (iCalendar)
sessions-upcoming = Upcoming and current sessions
sessions-past = Past sessions
sessions-none = No sessions.
sessions-col-body = Body
sessions-col-number = No.
sessions-col-title = Title
sessions-col-start = Opens
sessions-col-format = Format
sessions-col-status = Status
sessions-schedule = Schedule a session
sessions-schedule-submit = Schedule

session-chair = Chair
session-participants = Delegations
session-delegation = Delegation
session-members = Members
session-names-to-follow = names to follow
session-agenda = Agenda
session-no-items = The agenda is empty.
session-item = Item { $number }
session-documents = Documents
session-procedures = Decision procedures
session-procedure = Procedure { $id }: { $rule } — { $state }
session-outcome = Outcome
session-recommended = Recommended by the { $body }, session { $session }, item { $item }
session-packages = Document packages
session-minutes = Minutes
session-convene = Convene
session-conclude = Conclude the session
session-cancel = Cancel the session
session-cancel-confirm = Cancel this session? Delegations will see it as cancelled; it cannot be reopened.
session-add-item = Add an agenda item
session-add-item-submit = Add the item
session-conclude-item = Record the item's outcome
session-conclude-item-submit = Record the outcome
session-recommend-to = Recommend this item to a session of the higher body
session-recommend = Recommend
session-open-procedure = Open a decision procedure
session-open-procedure-submit = Open the procedure

doctype-decision = decision
doctype-statement = statement
doctype-declaration = declaration
doctype-plan = plan
doctype-strategy = strategy
doctype-agreement = agreement
doctype-protocol = protocol
doctype-regulation = regulation
doctype-report = report
doctype-joint_statement = joint statement

forum-un = United Nations
forum-osce = OSCE
forum-opcw = OPCW
forum-other = another forum

docstatus-draft = draft
docstatus-under-procedure = under procedure
docstatus-adopted = adopted

documents-title = Documents
documents-none = No documents.
documents-col-number = No.
documents-register = Register a draft
documents-register-submit = Register

document-decision = Decision
document-versions = Versions
document-version = Version { $number }
document-current = current
document-made = Made on { $when }.
document-paragraph = Paragraph
document-no-translation = no translation
document-compare = Compare versions
document-compare-versions = Versions
document-compare-pair = version { $from } with version { $to }
document-compare-lang = Language
document-compare-submit = Compare
document-comparing = Version { $from } compared with version { $to }, { $lang }
document-compare-legend = Inserted words are underlined, deleted words struck through.
document-amendments = Amendments
document-no-amendments = No amendments have been proposed.

compare-same = unchanged
compare-changed = changed
compare-added = added
compare-removed = removed

amendment-state = Proposed by
amendment-against = Against version
amendment-op = Operation
amendment-op-insert = insert a new paragraph after it
amendment-op-replace = replace the paragraph
amendment-op-delete = delete the paragraph
amendment-text = Proposed text
amendment-rationale = Rationale
amendment-pending = pending
amendment-accepted = accepted into version { $version }
amendment-rejected = not taken into version { $version }
amendment-propose = Propose an amendment
amendment-propose-submit = Propose the amendment
amendment-paragraph = Paragraph
amendment-at-start = before the first paragraph
amendment-hint = For an insertion or a replacement give the new text; the Russian text and rationale are required.

version-make = Make the next version
version-amendment = Amendment { $id }
version-accept = accept
version-reject = reject
version-text = New text (optional)
version-text-hint = Leave empty to apply the accepted amendments to the current version.
version-make-submit = Make the version

silence-launch = Launch a silence procedure
silence-deadline = Deadline
silence-launch-submit = Launch
silence-break = Break silence
silence-break-reason = Objection
silence-break-amendment = Propose an amendment instead (optional)
silence-break-confirm = Break silence? The document will not be adopted by this procedure.

deadline-left = Time left
deadline-your-time = your time

rule-consensus = consensus
rule-silence = silence procedure
rule-simple_majority = simple majority
rule-qualified_majority = qualified majority of { $fraction }
rule-head = decision of the head

procedure-title = Procedure { $id }
procedure-version = Version decided on
procedure-session = Session
procedure-in-session = { $session }, item { $item }
procedure-state = State
procedure-open = open
procedure-positions = Positions of the delegations
procedure-position = Position
procedure-close = Close the procedure
procedure-close-confirm = Close the procedure and record the decision?

position-agree = agrees
position-agree_with_reservation = agrees with a reservation
position-interpretative_statement = agrees with an interpretative statement
position-object = objects
position-abstain = abstains
position-not_participating = does not take part
position-not-stated = not yet stated
position-state = Your delegation's position
position-text = Reservation, statement or reason
position-text-hint = Required for a reservation, an interpretative statement or an objection.
position-submit = State the position

outcome-adopted = adopted
outcome-objection = not adopted: objection by { $states }
outcome-no-quorum = not adopted: no quorum ({ $present } present, { $required } required)
outcome-no-majority = not adopted: { $for } for, { $against } against, { $required } required
outcome-silence-broken = not adopted: silence broken by { $state }

decision-title = Decision { $id }
decision-link = Decision { $id }
decision-outcome = Outcome
decision-effective = Took effect
decision-authentic = Authentic language
decision-entry-label = In the record
decision-entry = Entry { $seq } with its inclusion proof
decision-hashes = The text's hash in each language
decision-language = Language
decision-hash = SHA-256
decision-no-positions = No positions were stated.
decision-signatures = Signatures
decision-key = Key
decision-signed-at = Signed
decision-not-signed = not signed
decision-sign = Sign the authentic text
decision-sign-intro = Your delegation signs this message, which names the decision and the hash of its authentic text:
decision-sign-how = Save it to a file and sign it with your delegation's key:
decision-signature = Signature (base64)
decision-sign-submit = Send the signature

key-title = Your delegation's signing key
key-current = Registered key
key-none = Your delegation has no signing key registered.
key-field = Verifier key (Ed25519, C2SP note format)
key-submit = Register the key

public-home-published = Adopted documents
public-home-none-published = No documents have been published yet.

dashboard-upcoming = Upcoming sessions
dashboard-awaiting = Documents awaiting your country's position
dashboard-none-awaiting = Nothing awaits your country's position.
dashboard-silences = Silence procedures under way
dashboard-none-silences = No silence procedure is under way.

## The calendar feed
calendar-name = Sessions
calendar-conference = Videoconference

session-add-package = Prepare a package of documents for this session
session-add-package-submit = Create the package
session-record-minutes = The session's minutes
session-minutes-document = The report that holds the minutes
session-record-minutes-submit = Record the minutes
document-export = Export (Akoma Ntoso 3.0)
sessions-calendar-per-body = One body's calendar
dashboard-decided = Latest decisions
dashboard-none-decided = No decisions yet.

## Kinds of log entries of the secretariat and the Crisis Response Centre
kind-session-scheduled = Session scheduled
kind-session-changed = Session changed
kind-session-status_changed = Session status changed
kind-session-item_added = Agenda item added
kind-session-item_concluded = Agenda item concluded
kind-session-minutes_recorded = Minutes recorded
kind-package-created = Package of documents prepared
kind-document-registered = Draft registered
kind-document-version_made = New version of a document
kind-amendment-proposed = Amendment proposed
kind-procedure-opened = Decision procedure opened
kind-procedure-position_stated = Position stated
kind-procedure-silence_broken = Silence broken
kind-decision-recorded = Decision recorded
kind-delegation-key_registered = Delegation's signing key registered
kind-decision-signed = Decision signed
kind-incident-opened = Incident opened
kind-incident-changed = Incident changed
kind-sitrep-issued = Situation report issued
kind-unit-registered = Unit registered
kind-unit-readiness_changed = Unit readiness changed
kind-assistance-requested = Assistance requested
kind-assistance-need_withdrawn = Need withdrawn
kind-deployment-changed = Deployment changed
kind-assistance-closed = Request for assistance closed
kind-alert-received = CAP alert received
kind-alert-rejected = CAP alert rejected
kind-incident-alert_linked = Alert linked to an incident
kind-duty-noted = Duty log note
kind-agreement-made = Exchange agreement made
kind-agreement-ended = Exchange agreement ended
kind-exchange-released = Released to a partner

## Feed polling and the partner exchange feed (issue 7)
feeds-title = CAP feeds
feeds-intro = The Atom and RSS feeds of CAP alerts this server polls. Every alert goes through the same validation as one sent to the API; a bad entry is skipped with its reason and the rest are taken.
feeds-none = No feeds are configured.
feeds-url = Address
feeds-account = Taken in as
feeds-interval = Polled every
feeds-seconds = { $n } s
feeds-last-poll = Last poll
feeds-never = not yet
feeds-status = HTTP status
feeds-polls = Polls
feeds-not-modified = Not modified (304)
feeds-taken = Alerts taken in
feeds-duplicates = Duplicates skipped
feeds-rejected = Entries rejected
feeds-next-poll = Next poll
feeds-last-error = Last error
feeds-rejections = Rejected entries, newest first
feeds-col-at = When
feeds-col-entry = Entry
feeds-col-reason = Reason
exchange-feed-title = { $org }: alerts and situation reports released to { $partner }
exchange-feed-subtitle = Released under exchange agreement no. { $agreement }, each release an entry in the organisation's log.
exchange-sitrep-title = { $incident }: situation report no. { $number }
exchange-sitrep-period = Period: { $from } to { $to }
exchange-sitrep-situation = Situation
exchange-sitrep-actions = Actions taken
exchange-sitrep-needs = Needs
