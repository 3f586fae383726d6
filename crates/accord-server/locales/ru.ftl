# Интерфейс Accord на русском языке. Все строки страниц берутся отсюда.

site-name = Accord
skip-to-content = Перейти к содержанию
nav-main = Главное меню
nav-home = Главная
nav-workspace = Моё рабочее место
nav-organisation = Организация
nav-record = Реестр записей
nav-api = API
nav-admin = Администрирование
nav-login = Войти
nav-logout = Выйти
lang-switch = Язык
lang-name-ru = Русский
lang-name-en = English
signed-in-as = Вы вошли как { $name }
reading-as = { $affiliation }
footer-text = Реестр организации — журнал, в который можно только дописывать; каждое государство-член может его проверить.

affiliation-public = Общественность
affiliation-delegation = Делегация: { $state }
affiliation-observer = Государство-наблюдатель: { $state }
affiliation-partner-state = Государство-партнёр: { $state }
affiliation-partner-organisation = Организация-партнёр: { $partner }
affiliation-secretariat = Секретариат
affiliation-crisis-centre = Кризисный центр
affiliation-joint-staff = Объединённый штаб
affiliation-administrator = Администратор
affiliation-system = Сервер организации
affiliation-none = Принадлежность ещё не назначена

role-head_of_delegation = глава делегации
role-delegate = делегат
role-officer = сотрудник
role-national_centre = национальный кризисный центр
role-liaison = офицер связи

class-public = открыто
class-restricted = для служебного пользования
class-confidential = конфиденциально

status-member = член
status-observer = наблюдатель
status-partner = партнёр

missing-translation = (текста на языке { $lang } нет; показан аутентичный текст)

login-title = Вход
login-intro = Войдите под учётной записью, выданной Секретариатом.
login-username = Имя пользователя
login-password = Пароль
login-submit = Войти
login-failed = Неверное имя пользователя или пароль.
login-throttled = Слишком много неудачных попыток. Повторите через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[many] { $minutes } минут
}.

public-home-title = { $organisation }
public-home-intro = Цифровой секретариат и кризисный центр организации. Реестр её решений может проверить каждое государство-член.
public-home-members = { $count ->
    [one] { $count } государство-член
    [few] { $count } государства-члена
   *[many] { $count } государств-членов
}
public-home-entries = { $count ->
    [one] В реестре { $count } запись.
    [few] В реестре { $count } записи.
   *[many] В реестре { $count } записей.
}

workspace-title = Моё рабочее место
workspace-intro = Вы действуете от имени: { $affiliation }.
workspace-roles = Роли
workspace-no-roles = нет
workspace-recent = Последние доступные вам записи
workspace-links = Разделы
workspace-about-delegation = Здесь ваша делегация читает разосланные ей проекты на своём языке, излагает позицию своей страны и подписывает принятые тексты.
workspace-about-observer = Как государство-наблюдатель вы читаете то, что организация вам предоставила; в принятии её решений вы не участвуете.
workspace-about-partner-state = Как государство-партнёр вы читаете то, что организация предоставила вам по соглашению с вами.
workspace-about-partner-organisation = Как организация-партнёр вы обмениваетесь оповещениями и читаете то, что предоставлено вам по соглашению об обмене.
workspace-about-secretariat = Секретариат готовит сессии и повестки дня, рассылает проекты, проводит процедуры принятия решений, фиксирует итоги и публикует документы.
workspace-about-crisis-centre = Кризисный центр следит за поступающими оповещениями, ведёт инциденты, составляет сводки и отслеживает развёртывание сил.
workspace-about-joint-staff = Объединённый штаб ведёт реестр подразделений коллективных сил, их готовности и развёртывания.
workspace-about-administrator = Как администратор вы управляете учётными записями и API-токенами автоматизированных клиентов; читаете только открытое или предоставленное вам.

org-title = Организация
org-founded = Основана { $date }
org-languages = Официальные языки
org-authentic = аутентичный
org-members = Государства реестра
org-col-code = Код
org-col-name = Название
org-col-status = Статус
org-col-since = С
org-bodies = Органы
org-chair = Председатель на { $date }
org-no-chair = Председателя на { $date } нет
org-partners = Организации-партнёры

record-title = Реестр записей
record-intro = Каждое изменение состояния организации — запись в этом журнале, в который можно только дописывать. Все видят каждую запись; её содержание видят только те, кому оно доступно.
record-size = { $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[many] { $count } записей
}
record-col-seq = №
record-col-kind = Вид
record-col-time = Время (UTC)
record-col-actor = Автор
record-col-class = Гриф
record-older = Более ранние записи
record-newer = Более поздние записи
record-live = Новые записи появляются здесь по мере их внесения.
record-checkpoint = Последняя подписанная контрольная точка
record-checkpoint-none = Контрольная точка ещё не подписана.
record-checkpoint-size = Размер { $size }, корень { $root }
record-witnesses = Свидетели
record-witness-col-state = Свидетель
record-witness-col-size = Заверено до
record-witness-col-time = Когда
record-witness-none = Ни один свидетель ещё не заверил реестр.
record-witnessed = Заверено: { $have } из { $need } необходимых свидетелей подписали эту контрольную точку.
record-not-witnessed = Ещё не заверено: { $have } из { $need } необходимых свидетелей подписали эту контрольную точку.

entry-title = Запись { $seq }
entry-envelope = Конверт
entry-body = Содержание
entry-body-hash = Хеш содержания
entry-body-withheld = Содержание этой записи вам недоступно. Его хеш есть в журнале, поэтому запись участвует в каждой проверке.
entry-proof = Доказательство включения
entry-proof-against = Относительно контрольной точки размера { $size }.
entry-proof-pending = Эта запись ещё не покрыта подписанной контрольной точкой. Обновите страницу через мгновение.
entry-proof-checking = Доказательство проверяется в вашем браузере…
entry-proof-ok = Проверено: запись входит в журнал под подписанной контрольной точкой.
entry-proof-bad = НЕ проверено: доказательство не ведёт к корню контрольной точки.
entry-proof-unavailable = Ваш браузер не может проверить доказательство здесь (нет Web Crypto). Скачайте его и проверьте командой accord verify.
entry-proof-download = Скачать доказательство (C2SP tlog-proof)
entry-proof-offline = Проверка без сети: accord verify-proof ФАЙЛ --key КЛЮЧ-ЖУРНАЛА

kind-organisation-founded = Организация основана
kind-member-admitted = Государство принято
kind-member-status_changed = Статус государства изменён
kind-account-affiliation_granted = Принадлежность назначена
kind-account-affiliation_revoked = Принадлежность отозвана
kind-account-role_granted = Роль назначена
kind-account-role_revoked = Роль отозвана
kind-note-recorded = Заметка внесена
kind-unknown = { $kind }

admin-title = Администрирование
admin-tokens = API-токены для автоматизированных клиентов
admin-token-col-name = Название
admin-token-col-account = Учётная запись
admin-token-col-created = Создан
admin-token-col-state = Состояние
admin-token-active = действует
admin-token-revoked = отозван
admin-token-revoke = Отозвать
admin-token-revoke-confirm = Отозвать этот токен? Его клиенту будет отказано с этого момента.
admin-token-new = Новый токен
admin-token-account = Для учётной записи
admin-token-name = Название
admin-token-create = Создать
admin-token-created = Токен создан. Скопируйте его сейчас: он показывается только один раз.
admin-no-tokens = Токенов пока нет.

api-title = Справочник API

error-403-title = Доступ запрещён
error-403-text = Вам нельзя видеть эту страницу.
error-403-sign-in = Войдите, чтобы продолжить.
error-404-title = Не найдено
error-404-text = По этому адресу страницы нет.
error-500-title = Что-то пошло не так
error-500-text = Сервер не смог ответить. Ошибка записана в журнал; повторите попытку позже.
error-400-title = Запрос неверен
error-413-title = Слишком большой запрос
error-413-text = Отправленные данные больше, чем принимает сервер.
error-429-title = Слишком много запросов
error-other-title = Ошибка { $status }
error-rule = Нарушенное правило
error-back-home = На главную страницу

nav-sessions = Заседания
nav-documents = Документы

field-body = Орган
field-number = Номер
field-title = Название
field-when = Время
field-start = Начало
field-end = Окончание
field-zone = Часовой пояс (IANA, например Europe/Moscow)
field-format = Формат
field-link = Ссылка на видеоконференцию
field-venue = Место проведения
field-classification = Гриф
field-type = Вид
field-forum = Форум (только для совместных заявлений)
field-forum-none = нет
field-sponsor = Инициатор
field-target-body = Орган, принимающий документ
field-text = Текст
field-text-hint = Разделяйте абзацы пустой строкой; в каждом языке должно быть одинаковое число абзацев. Русский текст аутентичен и обязателен.
field-document = Документ
field-rule = Порядок принятия решения

format-in_person = очно
format-videoconference = в формате видеоконференции
format-hybrid = смешанный формат (очно и по видеосвязи)

session-status-planned = запланировано
session-status-convened = идёт заседание
session-status-concluded = завершено
session-status-cancelled = отменено

sessions-title = Заседания
sessions-calendar = Подписаться на календарь (iCalendar)
sessions-upcoming = Предстоящие и текущие заседания
sessions-past = Прошедшие заседания
sessions-none = Заседаний нет.
sessions-col-body = Орган
sessions-col-number = №
sessions-col-title = Название
sessions-col-start = Начало
sessions-col-format = Формат
sessions-col-status = Статус
sessions-schedule = Назначить заседание
sessions-schedule-submit = Назначить

session-chair = Председатель
session-participants = Делегации
session-delegation = Делегация
session-members = Состав
session-names-to-follow = состав уточняется
session-agenda = Повестка дня
session-no-items = Повестка дня пуста.
session-item = Пункт { $number }
session-documents = Документы
session-procedures = Процедуры принятия решений
session-procedure = Процедура { $id }: { $rule } — { $state }
session-outcome = Итог
session-recommended = Рекомендовано органом «{ $body }», заседание { $session }, пункт { $item }
session-packages = Пакеты документов
session-minutes = Протокол
session-convene = Открыть заседание
session-conclude = Закрыть заседание
session-cancel = Отменить заседание
session-cancel-confirm = Отменить заседание? Делегации увидят его отменённым; возобновить его будет нельзя.
session-add-item = Добавить пункт повестки дня
session-add-item-submit = Добавить пункт
session-conclude-item = Записать итог по пункту
session-conclude-item-submit = Записать итог
session-recommend-to = Рекомендовать пункт заседанию вышестоящего органа
session-recommend = Рекомендовать
session-open-procedure = Начать процедуру принятия решения
session-open-procedure-submit = Начать процедуру

doctype-decision = решение
doctype-statement = заявление
doctype-declaration = декларация
doctype-plan = план
doctype-strategy = стратегия
doctype-agreement = соглашение
doctype-protocol = протокол
doctype-regulation = положение
doctype-report = доклад
doctype-joint_statement = совместное заявление

forum-un = Организация Объединённых Наций
forum-osce = ОБСЕ
forum-opcw = ОЗХО
forum-other = другой форум

docstatus-draft = проект
docstatus-under-procedure = на рассмотрении
docstatus-adopted = принят

documents-title = Документы
documents-none = Документов нет.
documents-col-number = №
documents-register = Зарегистрировать проект
documents-register-submit = Зарегистрировать

document-decision = Решение
document-versions = Редакции
document-version = Редакция { $number }
document-current = действующая
document-made = Подготовлена { $when }.
document-paragraph = Абзац
document-no-translation = перевода нет
document-compare = Сравнить редакции
document-compare-versions = Редакции
document-compare-pair = редакцию { $from } с редакцией { $to }
document-compare-lang = Язык
document-compare-submit = Сравнить
document-comparing = Редакция { $from } в сравнении с редакцией { $to }, { $lang }
document-compare-legend = Добавленные слова подчёркнуты, удалённые зачёркнуты.
document-amendments = Поправки
document-no-amendments = Поправок не поступало.

compare-same = без изменений
compare-changed = изменён
compare-added = добавлен
compare-removed = исключён

amendment-state = Вносит
amendment-against = К редакции
amendment-op = Действие
amendment-op-insert = вставить новый абзац после него
amendment-op-replace = изложить абзац в новой редакции
amendment-op-delete = исключить абзац
amendment-text = Предлагаемый текст
amendment-rationale = Обоснование
amendment-pending = на рассмотрении
amendment-accepted = учтена в редакции { $version }
amendment-rejected = не учтена в редакции { $version }
amendment-propose = Внести поправку
amendment-propose-submit = Внести поправку
amendment-paragraph = Абзац
amendment-at-start = перед первым абзацем
amendment-hint = Для вставки или новой редакции укажите текст; русский текст и обоснование обязательны.

version-make = Подготовить следующую редакцию
version-amendment = Поправка { $id }
version-accept = учесть
version-reject = отклонить
version-text = Новый текст (необязательно)
version-text-hint = Оставьте пустым, чтобы внести учтённые поправки в действующую редакцию.
version-make-submit = Подготовить редакцию

silence-launch = Начать процедуру умолчания
silence-deadline = Срок
silence-launch-submit = Начать
silence-break = Прервать умолчание
silence-break-reason = Возражение
silence-break-amendment = Предложить вместо этого поправку (необязательно)
silence-break-confirm = Прервать умолчание? Документ не будет принят в рамках этой процедуры.

deadline-left = Осталось
deadline-your-time = по вашему времени

rule-consensus = консенсус
rule-silence = процедура умолчания
rule-simple_majority = простое большинство
rule-qualified_majority = квалифицированное большинство { $fraction }
rule-head = решение руководителя

procedure-title = Процедура { $id }
procedure-version = Рассматриваемая редакция
procedure-session = Заседание
procedure-in-session = { $session }, пункт { $item }
procedure-state = Состояние
procedure-open = идёт
procedure-positions = Позиции делегаций
procedure-position = Позиция
procedure-close = Завершить процедуру
procedure-close-confirm = Завершить процедуру и зафиксировать решение?

position-agree = согласна
position-agree_with_reservation = согласна с оговоркой
position-interpretative_statement = согласна с заявлением о толковании
position-object = возражает
position-abstain = воздерживается
position-not_participating = не участвует
position-not-stated = позиция ещё не заявлена
position-state = Позиция вашей делегации
position-text = Оговорка, заявление или причина
position-text-hint = Обязательно для оговорки, заявления о толковании и возражения.
position-submit = Заявить позицию

outcome-adopted = принят
outcome-objection = не принят: возражение — { $states }
outcome-no-quorum = не принят: нет кворума (присутствуют { $present }, требуется { $required })
outcome-no-majority = не принят: за — { $for }, против — { $against }, требуется { $required }
outcome-silence-broken = не принят: умолчание прервано — { $state }

decision-title = Решение { $id }
decision-link = Решение { $id }
decision-outcome = Итог
decision-effective = Вступило в силу
decision-authentic = Аутентичный язык
decision-entry-label = В реестре
decision-entry = Запись { $seq } с доказательством включения
decision-hashes = Хеш текста на каждом языке
decision-language = Язык
decision-hash = SHA-256
decision-no-positions = Позиции не заявлялись.
decision-signatures = Подписи
decision-key = Ключ
decision-signed-at = Подписано
decision-not-signed = не подписано
decision-sign = Подписать аутентичный текст
decision-sign-intro = Ваша делегация подписывает это сообщение, в котором указаны решение и хеш его аутентичного текста:
decision-sign-how = Сохраните его в файл и подпишите ключом делегации:
decision-signature = Подпись (base64)
decision-sign-submit = Отправить подпись

key-title = Ключ подписи вашей делегации
key-current = Зарегистрированный ключ
key-none = У вашей делегации нет зарегистрированного ключа подписи.
key-field = Ключ проверки (Ed25519, формат C2SP note)
key-submit = Зарегистрировать ключ

public-home-published = Принятые документы
public-home-none-published = Опубликованных документов пока нет.

dashboard-upcoming = Предстоящие заседания
dashboard-awaiting = Документы, ожидающие позиции вашей страны
dashboard-none-awaiting = Позиция вашей страны сейчас нигде не ожидается.
dashboard-silences = Идущие процедуры умолчания
dashboard-none-silences = Процедур умолчания сейчас нет.

## The calendar feed
calendar-name = Заседания
calendar-conference = Видеоконференция

session-add-package = Подготовить пакет документов к заседанию
session-add-package-submit = Создать пакет
session-record-minutes = Протокол заседания
session-minutes-document = Доклад, содержащий протокол
session-record-minutes-submit = Указать протокол
document-export = Экспорт (Akoma Ntoso 3.0)
sessions-calendar-per-body = Календарь одного органа
dashboard-decided = Последние решения
dashboard-none-decided = Решений пока нет.

## Kinds of log entries of the secretariat and the Crisis Response Centre
kind-session-scheduled = Заседание назначено
kind-session-changed = Заседание изменено
kind-session-status_changed = Статус заседания изменён
kind-session-item_added = Пункт повестки дня добавлен
kind-session-item_concluded = Рассмотрение пункта завершено
kind-session-minutes_recorded = Протокол заседания указан
kind-package-created = Пакет документов подготовлен
kind-document-registered = Проект зарегистрирован
kind-document-version_made = Новая редакция документа
kind-amendment-proposed = Внесена поправка
kind-procedure-opened = Начата процедура принятия решения
kind-procedure-position_stated = Позиция заявлена
kind-procedure-silence_broken = Молчание нарушено
kind-decision-recorded = Решение зафиксировано
kind-delegation-key_registered = Ключ подписи делегации зарегистрирован
kind-decision-signed = Решение подписано
kind-incident-opened = Инцидент открыт
kind-incident-changed = Инцидент изменён
kind-sitrep-issued = Выпущен доклад об обстановке
kind-unit-registered = Подразделение зарегистрировано
kind-unit-readiness_changed = Готовность подразделения изменена
kind-assistance-requested = Запрошена помощь
kind-assistance-need_withdrawn = Потребность отозвана
kind-deployment-changed = Изменение по развёртыванию
kind-assistance-closed = Запрос о помощи закрыт
kind-alert-received = Получено оповещение CAP
kind-alert-rejected = Оповещение CAP отклонено
kind-incident-alert_linked = Оповещение связано с инцидентом
kind-duty-noted = Запись в журнале дежурного
kind-agreement-made = Заключено соглашение об обмене
kind-agreement-ended = Соглашение об обмене прекращено
kind-exchange-released = Передано партнёру

## Feed polling and the partner exchange feed (issue 7)
feeds-title = Ленты CAP
feeds-intro = Ленты Atom и RSS с оповещениями CAP, которые опрашивает этот сервер. Каждое оповещение проходит ту же проверку, что и переданное через API; ошибочная запись пропускается с указанием причины, остальные принимаются.
feeds-none = Ленты не настроены.
feeds-url = Адрес
feeds-account = Принимаются от имени
feeds-interval = Опрос каждые
feeds-seconds = { $n } с
feeds-last-poll = Последний опрос
feeds-never = ещё не было
feeds-status = Код HTTP
feeds-polls = Опросов
feeds-not-modified = Без изменений (304)
feeds-taken = Принято оповещений
feeds-duplicates = Пропущено повторов
feeds-rejected = Отклонено записей
feeds-next-poll = Следующий опрос
feeds-last-error = Последняя ошибка
feeds-rejections = Отклонённые записи, сначала новые
feeds-col-at = Когда
feeds-col-entry = Запись
feeds-col-reason = Причина
exchange-feed-title = { $org }: оповещения и сводки, переданные { $partner }
exchange-feed-subtitle = Переданы по соглашению об обмене № { $agreement }; каждая передача — запись в журнале организации.
exchange-sitrep-title = { $incident }: сводка № { $number }
exchange-sitrep-period = Период: с { $from } по { $to }
exchange-sitrep-situation = Обстановка
exchange-sitrep-actions = Принятые меры
exchange-sitrep-needs = Потребности
