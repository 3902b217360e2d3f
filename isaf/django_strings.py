"""Django's own strings that our pages show, kept in our Khmer catalogue.

Django's bundled Khmer catalogue leaves most form errors, the sign-in and password
messages, the password validators and the CSRF failure page untranslated, and gets
a few wrong ("Enter a whole number." reads as "fill in all the numbers"). Listing
the strings here makes `makemessages` keep them in our catalogue,
`locale/km/LC_MESSAGES/django.po`. Our catalogue is read before Django's own,
so it also corrects the wrong ones.

Nothing here runs: `gettext_noop` returns its argument, and the lazy plural and
markers are never evaluated. Both are markers that `makemessages` knows
without extra options, so plural forms survive extraction:

    .venv/bin/python manage.py makemessages -l km --ignore=.venv --ignore=staticfiles

Every msgid must match Django's source exactly, curly quotes included; the tests
check that each one is extracted and translated.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

SINGULAR = (
    # Form fields, labels and widgets (django/forms/)
    gettext_noop("This field is required."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a valid duration."),
    gettext_noop("The number of days must be between {min_days} and {max_days}."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    gettext_noop("Please either submit a file or check the clear checkbox, not both."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a "
        "corrupted image.",
    ),
    gettext_noop("Enter a valid URL."),
    gettext_noop(
        "Select a valid choice. %(value)s is not one of the available choices.",
    ),
    gettext_noop("Enter a list of values."),
    gettext_noop("Enter a complete value."),
    gettext_noop("Enter a valid UUID."),
    gettext_noop("Enter a valid JSON."),
    gettext_noop(":"),
    gettext_noop(":?.!"),
    gettext_noop("(Hidden field %(name)s) %(error)s"),
    gettext_noop("Clear"),
    gettext_noop("Currently"),
    gettext_noop(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it "
        "may be ambiguous or it may not exist.",
    ),
    # Model forms and formsets (django/forms/models.py, formsets.py)
    gettext_noop("Please correct the duplicate data for %(field)s."),
    gettext_noop(
        "Please correct the duplicate data for %(field)s, which must be unique.",
    ),
    gettext_noop(
        "Please correct the duplicate data for %(field_name)s which must be unique "
        "for the %(lookup)s in %(date_field)s.",
    ),
    gettext_noop("Please correct the duplicate values below."),
    gettext_noop("The inline value did not match the parent instance."),
    gettext_noop(
        "Select a valid choice. That choice is not one of the available choices.",
    ),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop(
        "ManagementForm data is missing or has been tampered with. Missing fields: "
        "%(field_names)s. You may need to file a bug report if the issue persists.",
    ),
    gettext_noop("Order"),
    gettext_noop("Delete"),
    # Validators (django/core/validators.py)
    gettext_noop("Enter a valid value."),
    gettext_noop("Enter a valid domain name."),
    gettext_noop("Enter a valid integer."),
    gettext_noop("Enter a valid email address."),
    gettext_noop(
        "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
    ),
    gettext_noop(
        "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or "
        "hyphens.",
    ),
    gettext_noop("Enter a valid %(protocol)s address."),
    gettext_noop("IPv4 or IPv6"),
    gettext_noop("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop(
        "Ensure this value is a multiple of step size %(limit_value)s, starting from "
        "%(offset)s, e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on.",
    ),
    gettext_noop(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: "
        "%(allowed_extensions)s.",
    ),
    gettext_noop("Null characters are not allowed."),
    # Model field checks (django/db/models/fields/, base.py, constraints.py)
    gettext_noop("Value %(value)r is not a valid choice."),
    gettext_noop("This field cannot be null."),
    gettext_noop("This field cannot be blank."),
    gettext_noop("%(model_name)s with this %(field_label)s already exists."),
    gettext_noop(
        "%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s.",
    ),
    gettext_noop("“%(value)s” value must be either True or False."),
    gettext_noop("“%(value)s” value must be either True, False, or None."),
    gettext_noop("“%(value)s” value must be either None, True or False."),
    gettext_noop(
        "“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD "
        "format.",
    ),
    gettext_noop(
        "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid "
        "date.",
    ),
    gettext_noop(
        "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD "
        "HH:MM[:ss[.uuuuuu]][TZ] format.",
    ),
    gettext_noop(
        "“%(value)s” value has the correct format (YYYY-MM-DD "
        "HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.",
    ),
    gettext_noop("“%(value)s” value must be a decimal number."),
    gettext_noop(
        "“%(value)s” value has an invalid format. It must be in [DD] "
        "[[HH:]MM:]ss[.uuuuuu] format.",
    ),
    gettext_noop("“%(value)s” value must be a float."),
    gettext_noop("“%(value)s” value must be an integer."),
    gettext_noop(
        "“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] "
        "format.",
    ),
    gettext_noop(
        "“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an "
        "invalid time.",
    ),
    gettext_noop("“%(value)s” is not a valid UUID."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("Value must be valid JSON."),
    # Sign-in, passwords and accounts (django/contrib/auth/)
    gettext_noop("username"),
    gettext_noop("password"),
    gettext_noop("Password"),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may "
        "be case-sensitive.",
    ),
    gettext_noop("This account is inactive."),
    gettext_noop("Old password"),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Password confirmation"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Email"),
    gettext_noop("email address"),
    gettext_noop("Invalid password format or unknown hashing algorithm."),
    gettext_noop("No password set."),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("Password-based authentication"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If "
        "disabled, they may still be able to authenticate using other backends, such "
        "as Single Sign-On or LDAP.",
    ),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop(
        "Raw passwords are not stored, so there is no way to see the user’s password.",
    ),
    gettext_noop(
        "Enable password-based authentication for this user by setting a password.",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop(
        "Your password can’t be too similar to your other personal information.",
    ),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop(
        "Enter a valid username. This value may contain only unaccented lowercase a-z "
        "and uppercase A-Z letters, numbers, and @/./+/-/_ characters.",
    ),
    gettext_noop(
        "Enter a valid username. This value may contain only letters, numbers, and "
        "@/./+/-/_ characters.",
    ),
    gettext_noop(
        "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
    ),
    gettext_noop("A user with that username already exists."),
    gettext_noop(
        "Designates whether this user should be treated as active. Unselect this "
        "instead of deleting accounts.",
    ),
    gettext_noop(
        "The groups this user belongs to. A user will get all permissions granted to "
        "each of their groups.",
    ),
    gettext_noop("Specific permissions for this user."),
    gettext_noop("content type"),
    gettext_noop("Logged out"),
    gettext_noop("Password change"),
    gettext_noop("Password change successful"),
    gettext_noop("Password reset"),
    gettext_noop("Password reset sent"),
    gettext_noop("Enter new password"),
    gettext_noop("Password reset unsuccessful"),
    gettext_noop("Password reset complete"),
    # The CSRF failure page (django/views/csrf.py)
    gettext_noop("Forbidden"),
    gettext_noop("CSRF verification failed. Request aborted."),
    gettext_noop(
        "You are seeing this message because this HTTPS site requires a “Referer "
        "header” to be sent by your web browser, but none was sent. This header is "
        "required for security reasons, to ensure that your browser is not being "
        "hijacked by third parties.",
    ),
    gettext_noop(
        "If you have configured your browser to disable “Referer” headers, please "
        "re-enable them, at least for this site, or for HTTPS connections, or for "
        "“same-origin” requests.",
    ),
    gettext_noop(
        'If you are using the <meta name="referrer" content="no-referrer"> tag or '
        "including the “Referrer-Policy: no-referrer” header, please remove them. The "
        "CSRF protection requires the “Referer” header to do strict referer checking. "
        "If you’re concerned about privacy, use alternatives like <a "
        'rel="noreferrer" …> for links to third-party sites.',
    ),
    gettext_noop(
        "You are seeing this message because this site requires a CSRF cookie when "
        "submitting forms. This cookie is required for security reasons, to ensure "
        "that your browser is not being hijacked by third parties.",
    ),
    gettext_noop(
        "If you have configured your browser to disable cookies, please re-enable "
        "them, at least for this site, or for “same-origin” requests.",
    ),
    gettext_noop("More information is available with DEBUG=True."),
    # Template filters and text helpers (django/template/, django/utils/text.py)
    gettext_noop("or"),
)

PLURAL = (
    # Form fields, labels and widgets (django/forms/)
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
    ),
    # Model forms and formsets (django/forms/models.py, formsets.py)
    ngettext_lazy(
        "Please submit at most %(num)d form.",
        "Please submit at most %(num)d forms.",
    ),
    ngettext_lazy(
        "Please submit at least %(num)d form.",
        "Please submit at least %(num)d forms.",
    ),
    # Validators (django/core/validators.py)
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has "
        "%(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has "
        "%(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has "
        "%(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has "
        "%(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
    ),
    # Sign-in, passwords and accounts (django/contrib/auth/)
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    # Template filters and text helpers (django/template/, django/utils/text.py)
    ngettext_lazy("%(size)d byte", "%(size)d bytes"),
)
