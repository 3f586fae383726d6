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
error-back-home = На главную страницу

## The calendar feed
calendar-name = Заседания
calendar-conference = Видеоконференция
