"""One method per endpoint of the table, with real signatures (GENERATED: scripts/gen-client-methods).

Do not edit by hand: the names, types and docs come from openlux/endpoints.tsv and the server's
routes and request models, so the SDK and the server cannot drift apart. Keyword arguments left
at None are not sent (the server reads a missing key and `null` alike: "not given").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any


def _given(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters the caller set (None means not given)."""
    return {key: value for key, value in params.items() if value is not None}


class SyncEndpoints:
    """Endpoint methods of the blocking client (mixed into it)."""

    if TYPE_CHECKING:
        def call(self, name: str, /, *, files: list[tuple[str, bytes]] | None = None, **params: Any) -> Any: ...

    def get_user(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                 **extra: Any) -> Any:
        """Read the user's contact details and general metadata.

        LuxSci `getUser`, GET
        /perl/api/v2/user/{username}/profile

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("getUser", files=files, **sent, **extra)

    def get_user_single_sign_on_login_url(self, *, username: str | None = None, ip: str | None = None,
                                          target: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                          **extra: Any) -> Any:
        """Make a one-click URL that logs the user into the web interface.

        LuxSci `getUserSingleSignOnLoginURL`, GET
        /perl/api/v2/user/{username}/sso

        Args:
            username: (path) the user's login (default: the signed-in user)
            ip: (query) text
            target: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "ip": ip, "target": target,
        })
        return self.call("getUserSingleSignOnLoginURL", files=files, **sent, **extra)

    def update_user(self, *, username: str | None = None, contact: str | None = None, company: str | None = None,
                    email1: str | None = None, email2: str | None = None, phone1: str | None = None,
                    phone2: str | None = None, fax: str | None = None, sms: str | None = None,
                    street1: str | None = None, street2: str | None = None, city: str | None = None,
                    state: str | None = None, zip: str | None = None, country: str | None = None,
                    custom1: str | None = None, custom2: str | None = None, custom3: str | None = None,
                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change the user's contact details (partial update).

        LuxSci `updateUser`, PUT
        /perl/api/v2/user/{username}/profile

        Args:
            username: (path) the user's login (default: the signed-in user)
            contact: (body) text; at most 200 characters
            company: (body) text; at most 200 characters
            email1: (body) text; at most 320 characters
            email2: (body) text; at most 320 characters
            phone1: (body) text; at most 50 characters
            phone2: (body) text; at most 50 characters
            fax: (body) text; at most 50 characters
            sms: (body) text; at most 50 characters
            street1: (body) text; at most 200 characters
            street2: (body) text; at most 200 characters
            city: (body) text; at most 100 characters
            state: (body) text; at most 100 characters
            zip: (body) text; at most 20 characters
            country: (body) text; at most 100 characters
            custom1: (body) text; at most 500 characters
            custom2: (body) text; at most 500 characters
            custom3: (body) text; at most 500 characters
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "contact": contact, "company": company, "email1": email1, "email2":
            email2, "phone1": phone1, "phone2": phone2, "fax": fax, "sms": sms, "street1": street1,
            "street2": street2, "city": city, "state": state, "zip": zip, "country": country, "custom1":
            custom1, "custom2": custom2, "custom3": custom3,
        })
        return self.call("updateUser", files=files, **sent, **extra)

    def get_user_branding_information(self, *, username: str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Private-label branding data matching what the user sees in WebMail.

        LuxSci `getUserBrandingInformation`, GET
        /perl/api/v2/user/{username}/branding

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("getUserBrandingInformation", files=files, **sent, **extra)

    def get_user_settings(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                          **extra: Any) -> Any:
        """Read selected preferences and settings of the user.

        LuxSci `getUserSettings`, GET
        /perl/api/v2/user/{username}/settings

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("getUserSettings", files=files, **sent, **extra)

    def get_time_zones_list(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                            **extra: Any) -> Any:
        """List every time zone the system accepts.

        LuxSci `getTimeZonesList`, GET
        /perl/api/v2/user/{username}/timezones

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("getTimeZonesList", files=files, **sent, **extra)

    def change_user_password(self, *, username: str | None = None, password: str | None = None,
                             old_password: str | None = None, files: list[tuple[str, bytes]] | None = None,
                             **extra: Any) -> Any:
        """Set a new login password for the user.

        LuxSci `changeUserPassword`, PUT
        /perl/api/v2/user/{username}/password

        Args:
            username: (path) the user's login (default: the signed-in user)
            password: (body) text
            old_password: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "password": password, "old_password": old_password,
        })
        return self.call("changeUserPassword", files=files, **sent, **extra)

    def create_app_specific_password(self, *, username: str | None = None, label: str | None = None,
                                     services: list[Any] | None = None, expires: str | None = None,
                                     web_site_management: bool | int | str | None = None, password: str | None = None,
                                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create an app-specific login/password for the user.

        LuxSci `createAppSpecificPassword`, POST
        /perl/api/v2/user/{username}/app_passwords

        Args:
            username: (path) the user's login (default: the signed-in user)
            label: (body) text; at most 200 characters
            services: (body) a list
            expires: (body) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            web_site_management: (body) a flag: 1/0, true/false, yes/no, on/off
            password: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "label": label, "services": services, "expires": expires,
            "web_site_management": web_site_management, "password": password,
        })
        return self.call("createAppSpecificPassword", files=files, **sent, **extra)

    def delete_app_specific_password(self, *, app_password_id: int | str, username: str | None = None,
                                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove one app-specific login/password of the user.

        LuxSci `deleteAppSpecificPassword`, DELETE
        /perl/api/v2/user/{username}/app_passwords/{app_password_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            app_password_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "app_password_id": app_password_id,
        })
        return self.call("deleteAppSpecificPassword", files=files, **sent, **extra)

    def list_app_specific_passwords(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                    **extra: Any) -> Any:
        """List the user's app-specific logins/passwords.

        LuxSci `listAppSpecificPasswords`, GET
        /perl/api/v2/user/{username}/app_passwords

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("listAppSpecificPasswords", files=files, **sent, **extra)

    def list_all_app_specific_password(self, *, username: str | None = None,
                                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List all app-specific logins (/all keeps it apart from listAppSpecificPasswords).

        LuxSci `listAllAppSpecificPassword`, GET
        /perl/api/v2/user/{username}/app_passwords/all

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("listAllAppSpecificPassword", files=files, **sent, **extra)

    def new_email_auto_responder(self, *, username: str | None = None, subject: str | None = None,
                                 body: str | None = None, body_html: str | None = None, from_name: str | None = None,
                                 start_date: str | None = None, end_date: str | None = None,
                                 interval: int | str | None = None, enabled: bool | int | str | None = None,
                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create an email auto-responder for the user.

        LuxSci `newEmailAutoResponder`, POST
        /perl/api/v2/user/{username}/email/autoresponders

        Args:
            username: (path) the user's login (default: the signed-in user)
            subject: (body) text
            body: (body) plain text
            body_html: (body) text
            from_name: (body) text
            start_date: (body) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            end_date: (body) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            interval: (body) days between replies to one sender (default 1); a whole number, 0 or more
            enabled: (body) default 1; a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "subject": subject, "body": body, "body_html": body_html, "from_name":
            from_name, "start_date": start_date, "end_date": end_date, "interval": interval, "enabled":
            enabled,
        })
        return self.call("newEmailAutoResponder", files=files, **sent, **extra)

    def get_email_auto_responders(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                  **extra: Any) -> Any:
        """List all email auto-responders the user owns.

        LuxSci `getEmailAutoResponders`, GET
        /perl/api/v2/user/{username}/email/autoresponders

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("getEmailAutoResponders", files=files, **sent, **extra)

    def delete_email_auto_responder(self, *, autoresponder_id: int | str, username: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete one of the user's email auto-responders.

        LuxSci `deleteEmailAutoResponder`, DELETE
        /perl/api/v2/user/{username}/email/autoresponders/{autoresponder_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            autoresponder_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "autoresponder_id": autoresponder_id,
        })
        return self.call("deleteEmailAutoResponder", files=files, **sent, **extra)

    def update_email_forwarding(self, *, username: str | None = None, action: str | None = None,
                                destinations: Any | None = None, bounce_message: str | None = None,
                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change the user's forwarding, deny or delete rules for incoming mail.

        LuxSci `updateEmailForwarding`, PUT
        /perl/api/v2/user/{username}/email/forwarding

        Args:
            username: (path) the user's login (default: the signed-in user)
            action: (body) text
            destinations: (body) list of addresses, or one comma/space separated string
            bounce_message: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "action": action, "destinations": destinations, "bounce_message":
            bounce_message,
        })
        return self.call("updateEmailForwarding", files=files, **sent, **extra)

    def get_domain_smtp_tls_capability(self, *, domain: str, username: str | None = None,
                                       refresh: bool | int | str | None = None,
                                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Check MX records and SMTP TLS quality of a domain for SecureLine.

        LuxSci `getDomainSmtpTlsCapability`, GET
        /perl/api/v2/user/{username}/email/tls/{domain}

        Args:
            username: (path) the user's login (default: the signed-in user)
            domain: (path) path segment
            refresh: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "domain": domain, "refresh": refresh,
        })
        return self.call("getDomainSmtpTlsCapability", files=files, **sent, **extra)

    def retrieve_secure_line_recipient_list_encryption_data(self, *, username: str | None = None,
                                                            from_address: str | None = None, from_: str | None = None,
                                                            from_name: str | None = None,
                                                            reply_address: str | None = None,
                                                            reply_to: str | None = None, to: list[Any] | None = None,
                                                            cc: list[Any] | None = None, bcc: list[Any] | None = None,
                                                            subject: str | None = None, text: str | None = None,
                                                            html: str | None = None, body: str | None = None,
                                                            body_type: str | None = None,
                                                            headers: dict[str, Any] | None = None,
                                                            attachments: list[Any] | None = None,
                                                            tls_policy: str | None = None,
                                                            no_tls: bool | int | str | None = None,
                                                            no_tls_only: bool | int | str | None = None,
                                                            securetext: bool | int | str | None = None,
                                                            sms_to: list[Any] | None = None,
                                                            receipt: bool | int | str | None = None,
                                                            track_opens: bool | int | str | None = None,
                                                            track_clicks: bool | int | str | None = None,
                                                            recipient_list: list[Any] | None = None,
                                                            files: list[tuple[str, bytes]] | None = None,
                                                            **extra: Any) -> Any:
        """Report the SecureLine method each recipient would get, without sending.

        LuxSci `retrieveSecureLineRecipientListEncryptionData`, POST
        /perl/api/v2/user/{username}/email/compose/secureline/encryption

        Args:
            username: (path) the user's login (default: the signed-in user)
            from_address: (body) text; at most 320 characters
            from_: (body) text; at most 320 characters [sent as `from`]
            from_name: (body) text
            reply_address: (body) text; at most 320 characters
            reply_to: (body) text; at most 320 characters
            to: (body) a list
            cc: (body) a list
            bcc: (body) a list
            subject: (body) text
            text: (body) text
            html: (body) text
            body: (body) text
            body_type: (body) text
            headers: (body) an object
            attachments: (body) a list
            tls_policy: (body) text
            no_tls: (body) a flag: 1/0, true/false, yes/no, on/off
            no_tls_only: (body) a flag: 1/0, true/false, yes/no, on/off
            securetext: (body) a flag: 1/0, true/false, yes/no, on/off
            sms_to: (body) SecureText recipients' mobile numbers (E.164), with securetext: 1
            receipt: (body) a flag: 1/0, true/false, yes/no, on/off
            track_opens: (body) a flag: 1/0, true/false, yes/no, on/off
            track_clicks: (body) a flag: 1/0, true/false, yes/no, on/off
            recipient_list: (body) a list [sent as `recipients`]
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "from_address": from_address, "from": from_, "from_name": from_name,
            "reply_address": reply_address, "reply_to": reply_to, "to": to, "cc": cc, "bcc": bcc,
            "subject": subject, "text": text, "html": html, "body": body, "body_type": body_type,
            "headers": headers, "attachments": attachments, "tls_policy": tls_policy, "no_tls": no_tls,
            "no_tls_only": no_tls_only, "securetext": securetext, "sms_to": sms_to, "receipt": receipt,
            "track_opens": track_opens, "track_clicks": track_clicks, "recipients": recipient_list,
        })
        return self.call("retrieveSecureLineRecipientListEncryptionData", files=files, **sent, **extra)

    def send_email(self, *, username: str | None = None, messages: list[Any] | None = None,
                   tls_policy: str | None = None, no_tls: bool | int | str | None = None,
                   track_opens: bool | int | str | None = None, track_clicks: bool | int | str | None = None,
                   files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Queue one or more messages for delivery via the account SMTP servers.

        LuxSci `sendEmail`, POST
        /perl/api/v2/user/{username}/email/send

        Args:
            username: (path) the user's login (default: the signed-in user)
            messages: (body) a list
            tls_policy: (body) text
            no_tls: (body) a flag: 1/0, true/false, yes/no, on/off
            track_opens: (body) a flag: 1/0, true/false, yes/no, on/off
            track_clicks: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "messages": messages, "tls_policy": tls_policy, "no_tls": no_tls,
            "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return self.call("sendEmail", files=files, **sent, **extra)

    def send_secure_email_or_secure_text(self, *, username: str | None = None, from_address: str | None = None,
                                         from_: str | None = None, from_name: str | None = None,
                                         reply_address: str | None = None, reply_to: str | None = None,
                                         to: list[Any] | None = None, cc: list[Any] | None = None,
                                         bcc: list[Any] | None = None, subject: str | None = None,
                                         text: str | None = None, html: str | None = None, body: str | None = None,
                                         body_type: str | None = None, headers: dict[str, Any] | None = None,
                                         attachments: list[Any] | None = None, tls_policy: str | None = None,
                                         no_tls: bool | int | str | None = None,
                                         no_tls_only: bool | int | str | None = None,
                                         securetext: bool | int | str | None = None, sms_to: list[Any] | None = None,
                                         receipt: bool | int | str | None = None,
                                         track_opens: bool | int | str | None = None,
                                         track_clicks: bool | int | str | None = None,
                                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Deprecated: send one SecureLine email or SecureText from the API server.

        LuxSci `sendSecureEmailOrSecureText`, POST
        /perl/api/v2/user/{username}/email/compose/secureline/send

        Args:
            username: (path) the user's login (default: the signed-in user)
            from_address: (body) text; at most 320 characters
            from_: (body) text; at most 320 characters [sent as `from`]
            from_name: (body) text
            reply_address: (body) text; at most 320 characters
            reply_to: (body) text; at most 320 characters
            to: (body) a list
            cc: (body) a list
            bcc: (body) a list
            subject: (body) text
            text: (body) text
            html: (body) text
            body: (body) text
            body_type: (body) text
            headers: (body) an object
            attachments: (body) a list
            tls_policy: (body) text
            no_tls: (body) a flag: 1/0, true/false, yes/no, on/off
            no_tls_only: (body) a flag: 1/0, true/false, yes/no, on/off
            securetext: (body) a flag: 1/0, true/false, yes/no, on/off
            sms_to: (body) SecureText recipients' mobile numbers (E.164), with securetext: 1
            receipt: (body) a flag: 1/0, true/false, yes/no, on/off
            track_opens: (body) a flag: 1/0, true/false, yes/no, on/off
            track_clicks: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "from_address": from_address, "from": from_, "from_name": from_name,
            "reply_address": reply_address, "reply_to": reply_to, "to": to, "cc": cc, "bcc": bcc,
            "subject": subject, "text": text, "html": html, "body": body, "body_type": body_type,
            "headers": headers, "attachments": attachments, "tls_policy": tls_policy, "no_tls": no_tls,
            "no_tls_only": no_tls_only, "securetext": securetext, "sms_to": sms_to, "receipt": receipt,
            "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return self.call("sendSecureEmailOrSecureText", files=files, **sent, **extra)

    def get_email_template(self, *, template_id: int | str, username: str | None = None, preview: str | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one email template.

        LuxSci `getEmailTemplate`, GET
        /perl/api/v2/user/{username}/email/templates/{template_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            template_id: (path) an id (a whole number)
            preview: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "template_id": template_id, "preview": preview,
        })
        return self.call("getEmailTemplate", files=files, **sent, **extra)

    def update_email_template(self, *, template_id: int | str, username: str | None = None, name: str | None = None,
                              description: str | None = None, subject: str | None = None, html: str | None = None,
                              text: str | None = None, group_id: int | str | None = None,
                              shared: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                              **extra: Any) -> Any:
        """Change the content of an existing email template.

        LuxSci `updateEmailTemplate`, PUT
        /perl/api/v2/user/{username}/email/templates/{template_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            template_id: (path) an id (a whole number)
            name: (body) one line of text
            description: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            shared: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "template_id": template_id, "name": name, "description": description,
            "subject": subject, "html": html, "text": text, "group_id": group_id, "shared": shared,
        })
        return self.call("updateEmailTemplate", files=files, **sent, **extra)

    def delete_email_template(self, *, template_id: int | str, username: str | None = None,
                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete one email template.

        LuxSci `deleteEmailTemplate`, DELETE
        /perl/api/v2/user/{username}/email/templates/{template_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            template_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "template_id": template_id,
        })
        return self.call("deleteEmailTemplate", files=files, **sent, **extra)

    def get_email_template_list(self, *, username: str | None = None, group_id: int | str | None = None,
                                owned_only: bool | int | str | None = None,
                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List the email templates visible to the user.

        LuxSci `getEmailTemplateList`, GET
        /perl/api/v2/user/{username}/email/templates

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (query) an id; blank means not given
            owned_only: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id, "owned_only": owned_only,
        })
        return self.call("getEmailTemplateList", files=files, **sent, **extra)

    def create_email_template(self, *, username: str | None = None, name: str | None = None,
                              description: str | None = None, subject: str | None = None, html: str | None = None,
                              text: str | None = None, group_id: int | str | None = None,
                              shared: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                              **extra: Any) -> Any:
        """Create a new email template.

        LuxSci `createEmailTemplate`, POST
        /perl/api/v2/user/{username}/email/templates

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) one line of text
            description: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            shared: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "description": description, "subject": subject, "html":
            html, "text": text, "group_id": group_id, "shared": shared,
        })
        return self.call("createEmailTemplate", files=files, **sent, **extra)

    def update_email_template_group(self, *, group_id: int | str, username: str | None = None, name: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Rename a template group.

        LuxSci `updateEmailTemplateGroup`, PUT
        /perl/api/v2/user/{username}/email/template_groups/{group_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (path) an id (a whole number)
            name: (body) one line of text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id, "name": name,
        })
        return self.call("updateEmailTemplateGroup", files=files, **sent, **extra)

    def delete_email_template_group(self, *, group_id: int | str, username: str | None = None,
                                    move_to: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                    **extra: Any) -> Any:
        """Delete one template group.

        LuxSci `deleteEmailTemplateGroup`, DELETE
        /perl/api/v2/user/{username}/email/template_groups/{group_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (path) an id (a whole number)
            move_to: (query) an id; "" or 0 means none
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id, "move_to": move_to,
        })
        return self.call("deleteEmailTemplateGroup", files=files, **sent, **extra)

    def get_email_template_groups(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                  **extra: Any) -> Any:
        """List the template groups visible to the user.

        LuxSci `getEmailTemplateGroups`, GET
        /perl/api/v2/user/{username}/email/template_groups

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("getEmailTemplateGroups", files=files, **sent, **extra)

    def create_email_template_group(self, *, username: str | None = None, name: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a new template group.

        LuxSci `createEmailTemplateGroup`, POST
        /perl/api/v2/user/{username}/email/template_groups

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) one line of text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name,
        })
        return self.call("createEmailTemplateGroup", files=files, **sent, **extra)

    def create_custom_field(self, *, username: str | None = None, name: str | None = None, type: str | None = None,
                            description: str | None = None, choices: list[Any] | str | None = None,
                            default: Any | None = None, files: list[tuple[str, bytes]] | None = None,
                            **extra: Any) -> Any:
        """Define a custom field for Marketing v3 / Advanced High Volume.

        LuxSci `createCustomField`, POST
        /perl/api/v2/user/{username}/custom_fields

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) one line of text
            type: (body) text
            description: (body) text
            choices: (body) a list, or one comma-separated string
            default: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "type": type, "description": description, "choices":
            choices, "default": default,
        })
        return self.call("createCustomField", files=files, **sent, **extra)

    def get_custom_fields(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                          **extra: Any) -> Any:
        """List all available custom fields and their properties.

        LuxSci `getCustomFields`, GET
        /perl/api/v2/user/{username}/custom_fields

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("getCustomFields", files=files, **sent, **extra)

    def get_email_content_tag(self, *, tag_id: int | str, username: str | None = None,
                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one content tag.

        LuxSci `getEmailContentTag`, GET
        /perl/api/v2/user/{username}/email/content_tags/{tag_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            tag_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "tag_id": tag_id,
        })
        return self.call("getEmailContentTag", files=files, **sent, **extra)

    def update_email_content_tag(self, *, tag_id: int | str, username: str | None = None, name: str | None = None,
                                 description: str | None = None, html: str | None = None, text: str | None = None,
                                 shared: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                 **extra: Any) -> Any:
        """Change the content of an existing content tag.

        LuxSci `updateEmailContentTag`, PUT
        /perl/api/v2/user/{username}/email/content_tags/{tag_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            tag_id: (path) an id (a whole number)
            name: (body) one line of text
            description: (body) text
            html: (body) text
            text: (body) text
            shared: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "tag_id": tag_id, "name": name, "description": description, "html":
            html, "text": text, "shared": shared,
        })
        return self.call("updateEmailContentTag", files=files, **sent, **extra)

    def delete_email_content_tag(self, *, tag_id: int | str, username: str | None = None,
                                 force: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                 **extra: Any) -> Any:
        """Delete one content tag.

        LuxSci `deleteEmailContentTag`, DELETE
        /perl/api/v2/user/{username}/email/content_tags/{tag_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            tag_id: (path) an id (a whole number)
            force: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "tag_id": tag_id, "force": force,
        })
        return self.call("deleteEmailContentTag", files=files, **sent, **extra)

    def get_email_content_tag_list(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                   **extra: Any) -> Any:
        """List the content tags visible to the user.

        LuxSci `getEmailContentTagList`, GET
        /perl/api/v2/user/{username}/email/content_tags

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("getEmailContentTagList", files=files, **sent, **extra)

    def create_email_content_tag(self, *, username: str | None = None, name: str | None = None,
                                 description: str | None = None, html: str | None = None, text: str | None = None,
                                 shared: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                 **extra: Any) -> Any:
        """Create a new content tag.

        LuxSci `createEmailContentTag`, POST
        /perl/api/v2/user/{username}/email/content_tags

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) one line of text
            description: (body) text
            html: (body) text
            text: (body) text
            shared: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "description": description, "html": html, "text": text,
            "shared": shared,
        })
        return self.call("createEmailContentTag", files=files, **sent, **extra)

    def create_content_library_directory(self, *, directory: str, username: str | None = None,
                                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a library directory; it must be new and its parent must exist.

        LuxSci `createContentLibraryDirectory`, POST
        /perl/api/v2/user/{username}/content_library/{directory}

        Args:
            username: (path) the user's login (default: the signed-in user)
            directory: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "directory": directory,
        })
        return self.call("createContentLibraryDirectory", files=files, **sent, **extra)

    def delete_content_library_directory(self, *, directory: str, username: str | None = None,
                                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete an empty library directory.

        LuxSci `deleteContentLibraryDirectory`, DELETE
        /perl/api/v2/user/{username}/content_library/{directory}

        Args:
            username: (path) the user's login (default: the signed-in user)
            directory: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "directory": directory,
        })
        return self.call("deleteContentLibraryDirectory", files=files, **sent, **extra)

    def delete_content_library_file(self, *, file_path: str, username: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a library file (content_library_files avoids the directory paths).

        LuxSci `deleteContentLibraryFile`, DELETE
        /perl/api/v2/user/{username}/content_library_files/{file_path}

        Args:
            username: (path) the user's login (default: the signed-in user)
            file_path: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "file_path": file_path,
        })
        return self.call("deleteContentLibraryFile", files=files, **sent, **extra)

    def get_content_library_directory(self, *, directory: str, username: str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read a directory and list the files and subdirectories in it.

        LuxSci `getContentLibraryDirectory`, GET
        /perl/api/v2/user/{username}/content_library/{directory}

        Args:
            username: (path) the user's login (default: the signed-in user)
            directory: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "directory": directory,
        })
        return self.call("getContentLibraryDirectory", files=files, **sent, **extra)

    def get_content_library_file(self, *, file_path: str, username: str | None = None,
                                 include_content: bool | int | str | None = None,
                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read details of one library file (files live under content_library_files).

        LuxSci `getContentLibraryFile`, GET
        /perl/api/v2/user/{username}/content_library_files/{file_path}

        Args:
            username: (path) the user's login (default: the signed-in user)
            file_path: (path) path segment
            include_content: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "file_path": file_path, "include_content": include_content,
        })
        return self.call("getContentLibraryFile", files=files, **sent, **extra)

    def upload_content_library_file(self, *, file_path: str, username: str | None = None,
                                    overwrite: bool | int | str | None = None, attachments: list[Any] | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Upload a file (multipart) to the given library path.

        LuxSci `uploadContentLibraryFile`, POST
        /perl/api/v2/user/{username}/content_library_files/{file_path}

        Args:
            username: (path) the user's login (default: the signed-in user)
            file_path: (path) path segment
            overwrite: (body) a flag: 1/0, true/false, yes/no, on/off
            attachments: (body) [{"name", "hash"}] as every LuxSci upload carries
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "file_path": file_path, "overwrite": overwrite, "attachments":
            attachments,
        })
        return self.call("uploadContentLibraryFile", files=files, **sent, **extra)

    def delete_user_suppression(self, *, email: str, username: str | None = None,
                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove one address from the user-level suppression list.

        LuxSci `deleteUserSuppression`, DELETE
        /perl/api/v2/user/{username}/email/suppressions/{email}

        Args:
            username: (path) the user's login (default: the signed-in user)
            email: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "email": email,
        })
        return self.call("deleteUserSuppression", files=files, **sent, **extra)

    def get_user_suppression(self, *, email: str, username: str | None = None,
                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one user-level suppression.

        LuxSci `getUserSuppression`, GET
        /perl/api/v2/user/{username}/email/suppressions/{email}

        Args:
            username: (path) the user's login (default: the signed-in user)
            email: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "email": email,
        })
        return self.call("getUserSuppression", files=files, **sent, **extra)

    def get_user_suppression_list(self, *, username: str | None = None, email: str | None = None,
                                  reason: str | None = None, after_date: str | None = None,
                                  before_date: str | None = None, from_date: str | None = None,
                                  through_date: str | None = None, first_row: int | str | None = None,
                                  matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                  **extra: Any) -> Any:
        """List all user-level email suppressions.

        LuxSci `getUserSuppressionList`, GET
        /perl/api/v2/user/{username}/email/suppressions

        Args:
            username: (path) the user's login (default: the signed-in user)
            email: (query) substring of the address, case-insensitive
            reason: (query) text
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "email": email, "reason": reason, "after_date": after_date,
            "before_date": before_date, "from_date": from_date, "through_date": through_date,
            "first_row": first_row, "matches": matches,
        })
        return self.call("getUserSuppressionList", files=files, **sent, **extra)

    def create_user_suppression(self, *, username: str | None = None, email: str | None = None,
                                emails: list[Any] | str | None = None, reason: str | None = None,
                                note: str | None = None, expires: str | None = None,
                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add one or more user-level email suppressions.

        LuxSci `createUserSuppression`, POST
        /perl/api/v2/user/{username}/email/suppressions

        Args:
            username: (path) the user's login (default: the signed-in user)
            email: (body) text
            emails: (body) any JSON value
            reason: (body) manual (default), bounce, complaint, unsubscribe
            note: (body) text
            expires: (body) DATETIME (GMT); absent = never
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "email": email, "emails": emails, "reason": reason, "note": note,
            "expires": expires,
        })
        return self.call("createUserSuppression", files=files, **sent, **extra)

    def add_list(self, *, username: str | None = None, name: str | None = None, description: str | None = None,
                 from_name: str | None = None, from_address: str | None = None, reply_to: str | None = None,
                 group_id: int | str | None = None, group: str | None = None, fields: list[Any] | str | None = None,
                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a contact list.

        LuxSci `addList`, POST
        /perl/api/v2/user/{username}/marketing/lists

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) text
            description: (body) text
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            group: (body) text
            fields: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "description": description, "from_name": from_name,
            "from_address": from_address, "reply_to": reply_to, "group_id": group_id, "group": group,
            "fields": fields,
        })
        return self.call("addList", files=files, **sent, **extra)

    def delete_list(self, *, list_id: int | str, username: str | None = None,
                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a contact list together with its contacts.

        LuxSci `deleteList`, DELETE
        /perl/api/v2/user/{username}/marketing/lists/{list_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id,
        })
        return self.call("deleteList", files=files, **sent, **extra)

    def get_list(self, *, list_id: int | str, username: str | None = None,
                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one contact list.

        LuxSci `getList`, GET
        /perl/api/v2/user/{username}/marketing/lists/{list_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id,
        })
        return self.call("getList", files=files, **sent, **extra)

    def get_lists(self, *, username: str | None = None, group_id: int | str | None = None, name: str | None = None,
                  first_row: int | str | None = None, matches: int | str | None = None,
                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Report-style listing of some or all contact lists.

        LuxSci `getLists`, GET
        /perl/api/v2/user/{username}/marketing/lists

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (query) 0: lists in no group; an id; blank means not given
            name: (query) case-insensitive substring
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id, "name": name, "first_row": first_row, "matches":
            matches,
        })
        return self.call("getLists", files=files, **sent, **extra)

    def update_list(self, *, list_id: int | str, username: str | None = None, name: str | None = None,
                    description: str | None = None, from_name: str | None = None, from_address: str | None = None,
                    reply_to: str | None = None, group_id: int | str | None = None, group: str | None = None,
                    fields: list[Any] | str | None = None, files: list[tuple[str, bytes]] | None = None,
                    **extra: Any) -> Any:
        """Change a list and/or assign custom fields to it.

        LuxSci `updateList`, PUT
        /perl/api/v2/user/{username}/marketing/lists/{list_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            name: (body) text
            description: (body) text
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            group: (body) text
            fields: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id, "name": name, "description": description,
            "from_name": from_name, "from_address": from_address, "reply_to": reply_to, "group_id":
            group_id, "group": group, "fields": fields,
        })
        return self.call("updateList", files=files, **sent, **extra)

    def add_list_group(self, *, username: str | None = None, name: str | None = None, description: str | None = None,
                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a list group.

        LuxSci `addListGroup`, POST
        /perl/api/v2/user/{username}/marketing/list_groups

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) text
            description: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "description": description,
        })
        return self.call("addListGroup", files=files, **sent, **extra)

    def delete_list_group(self, *, group_id: int | str, username: str | None = None,
                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a list group.

        LuxSci `deleteListGroup`, DELETE
        /perl/api/v2/user/{username}/marketing/list_groups/{group_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id,
        })
        return self.call("deleteListGroup", files=files, **sent, **extra)

    def get_list_groups(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                        **extra: Any) -> Any:
        """List all list groups.

        LuxSci `getListGroups`, GET
        /perl/api/v2/user/{username}/marketing/list_groups

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("getListGroups", files=files, **sent, **extra)

    def update_list_group(self, *, group_id: int | str, username: str | None = None, name: str | None = None,
                          description: str | None = None, files: list[tuple[str, bytes]] | None = None,
                          **extra: Any) -> Any:
        """Rename a list group.

        LuxSci `updateListGroup`, PUT
        /perl/api/v2/user/{username}/marketing/list_groups/{group_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (path) an id (a whole number)
            name: (body) text
            description: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id, "name": name, "description": description,
        })
        return self.call("updateListGroup", files=files, **sent, **extra)

    def add_contact(self, *, list_id: int | str, username: str | None = None, email: str | None = None,
                    status: str | None = None, fields: dict[str, Any] | None = None,
                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add one new contact to a list.

        LuxSci `addContact`, POST
        /perl/api/v2/user/{username}/marketing/lists/{list_id}/contacts

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            email: (body) text
            status: (body) subscribed (default) | unsubscribed | bounced | complained
            fields: (body) custom field name -> value, checked against the field's type
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id, "email": email, "status": status, "fields":
            fields,
        })
        return self.call("addContact", files=files, **sent, **extra)

    def add_contacts(self, *, list_id: int | str, username: str | None = None, contacts: list[Any] | None = None,
                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add many contacts to a list at once (/bulk keeps it apart from addContact).

        LuxSci `addContacts`, POST
        /perl/api/v2/user/{username}/marketing/lists/{list_id}/contacts/bulk

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            contacts: (body) a list
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id, "contacts": contacts,
        })
        return self.call("addContacts", files=files, **sent, **extra)

    def delete_contact(self, *, list_id: int | str, contact_id: int | str, username: str | None = None,
                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove a contact from a list.

        LuxSci `deleteContact`, DELETE
        /perl/api/v2/user/{username}/marketing/lists/{list_id}/contacts/{contact_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            contact_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id, "contact_id": contact_id,
        })
        return self.call("deleteContact", files=files, **sent, **extra)

    def get_contact(self, *, contact_id: int | str, username: str | None = None,
                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one contact with its custom field values.

        LuxSci `getContact`, GET
        /perl/api/v2/user/{username}/marketing/contacts/{contact_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            contact_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "contact_id": contact_id,
        })
        return self.call("getContact", files=files, **sent, **extra)

    def get_contacts(self, *, username: str | None = None, list_id: int | str | None = None, status: str | None = None,
                     email: str | None = None, after_date: str | None = None, before_date: str | None = None,
                     from_date: str | None = None, through_date: str | None = None, first_row: int | str | None = None,
                     matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                     **extra: Any) -> Any:
        """Report-style bulk read of contacts and their custom field values.

        LuxSci `getContacts`, GET
        /perl/api/v2/user/{username}/marketing/contacts

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (query) an id; blank means not given
            status: (query) text
            email: (query) case-insensitive substring
            after_date: (query) bounds on `modified`
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id, "status": status, "email": email, "after_date":
            after_date, "before_date": before_date, "from_date": from_date, "through_date":
            through_date, "first_row": first_row, "matches": matches,
        })
        return self.call("getContacts", files=files, **sent, **extra)

    def update_contact(self, *, contact_id: int | str, username: str | None = None, email: str | None = None,
                       status: str | None = None, fields: dict[str, Any] | None = None,
                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change the properties of a contact.

        LuxSci `updateContact`, PUT
        /perl/api/v2/user/{username}/marketing/contacts/{contact_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            contact_id: (path) an id (a whole number)
            email: (body) text
            status: (body) subscribed (default) | unsubscribed | bounced | complained
            fields: (body) custom field name -> value, checked against the field's type
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "contact_id": contact_id, "email": email, "status": status, "fields":
            fields,
        })
        return self.call("updateContact", files=files, **sent, **extra)

    def add_campaign(self, *, username: str | None = None, name: str | None = None, subject: str | None = None,
                     html: str | None = None, text: str | None = None, template_id: int | str | None = None,
                     lists: list[Any] | str | None = None, from_name: str | None = None,
                     from_address: str | None = None, reply_to: str | None = None, send_at: str | None = None,
                     status: str | None = None, group: str | None = None, track_opens: Any | None = None,
                     track_clicks: Any | None = None, files: list[tuple[str, bytes]] | None = None,
                     **extra: Any) -> Any:
        """Create a campaign.

        LuxSci `addCampaign`, POST
        /perl/api/v2/user/{username}/marketing/campaigns

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            template_id: (body) a stored template instead of inline html/text ("" or 0: none); an id; "" or 0 means
                none
            lists: (body) target list ids: a JSON list or "1,2"
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            send_at: (body) DATETIME (GMT) or "now" schedules; "" unschedules
            status: (body) only "cancelled" may be set by a client
            group: (body) v2 campaign group (a name; "" for none)
            track_opens: (body) any JSON value
            track_clicks: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "subject": subject, "html": html, "text": text,
            "template_id": template_id, "lists": lists, "from_name": from_name, "from_address":
            from_address, "reply_to": reply_to, "send_at": send_at, "status": status, "group": group,
            "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return self.call("addCampaign", files=files, **sent, **extra)

    def delete_campaign(self, *, campaign_id: int | str, username: str | None = None,
                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a campaign.

        LuxSci `deleteCampaign`, DELETE
        /perl/api/v2/user/{username}/marketing/campaigns/{campaign_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id,
        })
        return self.call("deleteCampaign", files=files, **sent, **extra)

    def get_campaign(self, *, campaign_id: int | str, username: str | None = None,
                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one campaign.

        LuxSci `getCampaign`, GET
        /perl/api/v2/user/{username}/marketing/campaigns/{campaign_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id,
        })
        return self.call("getCampaign", files=files, **sent, **extra)

    def get_campaigns(self, *, username: str | None = None, status: str | None = None, name: str | None = None,
                      after_date: str | None = None, before_date: str | None = None, from_date: str | None = None,
                      through_date: str | None = None, first_row: int | str | None = None,
                      matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                      **extra: Any) -> Any:
        """Report of campaigns matching criteria such as recent changes.

        LuxSci `getCampaigns`, GET
        /perl/api/v2/user/{username}/marketing/campaigns

        Args:
            username: (path) the user's login (default: the signed-in user)
            status: (query) text
            name: (query) case-insensitive substring
            after_date: (query) bounds on `modified`
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "status": status, "name": name, "after_date": after_date,
            "before_date": before_date, "from_date": from_date, "through_date": through_date,
            "first_row": first_row, "matches": matches,
        })
        return self.call("getCampaigns", files=files, **sent, **extra)

    def update_campaign(self, *, campaign_id: int | str, username: str | None = None, name: str | None = None,
                        subject: str | None = None, html: str | None = None, text: str | None = None,
                        template_id: int | str | None = None, lists: list[Any] | str | None = None,
                        from_name: str | None = None, from_address: str | None = None, reply_to: str | None = None,
                        send_at: str | None = None, status: str | None = None, group: str | None = None,
                        track_opens: Any | None = None, track_clicks: Any | None = None,
                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change the properties of a campaign.

        LuxSci `updateCampaign`, PUT
        /perl/api/v2/user/{username}/marketing/campaigns/{campaign_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (path) an id (a whole number)
            name: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            template_id: (body) a stored template instead of inline html/text ("" or 0: none); an id; "" or 0 means
                none
            lists: (body) target list ids: a JSON list or "1,2"
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            send_at: (body) DATETIME (GMT) or "now" schedules; "" unschedules
            status: (body) only "cancelled" may be set by a client
            group: (body) v2 campaign group (a name; "" for none)
            track_opens: (body) any JSON value
            track_clicks: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "name": name, "subject": subject, "html":
            html, "text": text, "template_id": template_id, "lists": lists, "from_name": from_name,
            "from_address": from_address, "reply_to": reply_to, "send_at": send_at, "status": status,
            "group": group, "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return self.call("updateCampaign", files=files, **sent, **extra)

    def get_report_logs(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                        after_date: str | None = None, before_date: str | None = None, from_date: str | None = None,
                        through_date: str | None = None, first_row: int | str | None = None,
                        matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                        **extra: Any) -> Any:
        """Raw per-recipient sending log for a set of campaigns.

        LuxSci `getReportLogs`, GET
        /perl/api/v2/user/{username}/marketing/reports/logs

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getReportLogs", files=files, **sent, **extra)

    def get_report_bounces(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                           after_date: str | None = None, before_date: str | None = None, from_date: str | None = None,
                           through_date: str | None = None, first_row: int | str | None = None,
                           matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                           **extra: Any) -> Any:
        """Delivery failures (bounces) for a set of campaigns.

        LuxSci `getReportBounces`, GET
        /perl/api/v2/user/{username}/marketing/reports/bounces

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getReportBounces", files=files, **sent, **extra)

    def get_report_opened(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                          after_date: str | None = None, before_date: str | None = None, from_date: str | None = None,
                          through_date: str | None = None, first_row: int | str | None = None,
                          matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                          **extra: Any) -> Any:
        """Open events for a set of campaigns.

        LuxSci `getReportOpened`, GET
        /perl/api/v2/user/{username}/marketing/reports/opened

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getReportOpened", files=files, **sent, **extra)

    def get_report_clicked(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                           after_date: str | None = None, before_date: str | None = None, from_date: str | None = None,
                           through_date: str | None = None, first_row: int | str | None = None,
                           matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                           **extra: Any) -> Any:
        """Click events for a set of campaigns.

        LuxSci `getReportClicked`, GET
        /perl/api/v2/user/{username}/marketing/reports/clicked

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getReportClicked", files=files, **sent, **extra)

    def get_report_urls(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                        after_date: str | None = None, before_date: str | None = None, from_date: str | None = None,
                        through_date: str | None = None, first_row: int | str | None = None,
                        matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                        **extra: Any) -> Any:
        """Clicked URLs with counts aggregated over a set of campaigns.

        LuxSci `getReportUrls`, GET
        /perl/api/v2/user/{username}/marketing/reports/urls

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getReportUrls", files=files, **sent, **extra)

    def get_report_unsubscribed(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                                after_date: str | None = None, before_date: str | None = None,
                                from_date: str | None = None, through_date: str | None = None,
                                first_row: int | str | None = None, matches: int | str | None = None,
                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Unsubscribes for a set of campaigns.

        LuxSci `getReportUnsubscribed`, GET
        /perl/api/v2/user/{username}/marketing/reports/unsubscribed

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getReportUnsubscribed", files=files, **sent, **extra)

    def get_report_complaints(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                              after_date: str | None = None, before_date: str | None = None,
                              from_date: str | None = None, through_date: str | None = None,
                              first_row: int | str | None = None, matches: int | str | None = None,
                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Spam complaints for a set of campaigns.

        LuxSci `getReportComplaints`, GET
        /perl/api/v2/user/{username}/marketing/reports/complaints

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getReportComplaints", files=files, **sent, **extra)

    def get_email_smtp_sent_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                        before_date: str | None = None, from_date: str | None = None,
                                        through_date: str | None = None, first_row: int | str | None = None,
                                        matches: int | str | None = None, sender: str | None = None,
                                        user: str | None = None, message_id: str | None = None,
                                        queue_id: str | None = None, channel: str | None = None,
                                        status: str | None = None, destination: str | None = None,
                                        destination_hostname: str | None = None,
                                        destination_port: int | str | None = None, destination_path: str | None = None,
                                        destination_username: str | None = None,
                                        destination_password: str | None = None,
                                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Messages sent via SMTP or API by the user.

        LuxSci `getEmailSMTPSentReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/sent

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            status: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "user": user, "message_id": message_id, "queue_id": queue_id, "channel":
            channel, "status": status, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return self.call("getEmailSMTPSentReportUser", files=files, **sent, **extra)

    def get_email_smtp_delivery_status_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                                   before_date: str | None = None, from_date: str | None = None,
                                                   through_date: str | None = None, first_row: int | str | None = None,
                                                   matches: int | str | None = None, sender: str | None = None,
                                                   recipient: str | None = None, status: str | None = None,
                                                   user: str | None = None, message_id: str | None = None,
                                                   queue_id: str | None = None, channel: str | None = None,
                                                   destination: str | None = None,
                                                   destination_hostname: str | None = None,
                                                   destination_port: int | str | None = None,
                                                   destination_path: str | None = None,
                                                   destination_username: str | None = None,
                                                   destination_password: str | None = None,
                                                   files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Per-recipient delivery status of SMTP messages sent by the user.

        LuxSci `getEmailSMTPDeliveryStatusReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/delivery

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            status: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "status": status, "user": user, "message_id":
            message_id, "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return self.call("getEmailSMTPDeliveryStatusReportUser", files=files, **sent, **extra)

    def get_email_smtp_delivery_status_summary_report_user(self, *, username: str | None = None,
                                                           after_date: str | None = None,
                                                           before_date: str | None = None,
                                                           from_date: str | None = None,
                                                           through_date: str | None = None,
                                                           first_row: int | str | None = None,
                                                           matches: int | str | None = None,
                                                           destination: str | None = None,
                                                           destination_hostname: str | None = None,
                                                           destination_port: int | str | None = None,
                                                           destination_path: str | None = None,
                                                           destination_username: str | None = None,
                                                           destination_password: str | None = None,
                                                           files: list[tuple[str, bytes]] | None = None,
                                                           **extra: Any) -> Any:
        """Delivery/open/click/encryption/suppression totals, SMTP, the user.

        LuxSci `getEmailSMTPDeliveryStatusSummaryReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/delivery/summary

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailSMTPDeliveryStatusSummaryReportUser", files=files, **sent, **extra)

    def get_email_smtp_click_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                         before_date: str | None = None, from_date: str | None = None,
                                         through_date: str | None = None, first_row: int | str | None = None,
                                         matches: int | str | None = None, sender: str | None = None,
                                         recipient: str | None = None, user: str | None = None,
                                         classification: str | None = None, url: str | None = None,
                                         destination: str | None = None, destination_hostname: str | None = None,
                                         destination_port: int | str | None = None,
                                         destination_path: str | None = None, destination_username: str | None = None,
                                         destination_password: str | None = None,
                                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked URL clicks (or none) on SMTP messages of the user.

        LuxSci `getEmailSMTPClickReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/clicks

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            url: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "url": url, "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailSMTPClickReportUser", files=files, **sent, **extra)

    def get_email_smtp_click_summary_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                                 before_date: str | None = None, from_date: str | None = None,
                                                 through_date: str | None = None, first_row: int | str | None = None,
                                                 matches: int | str | None = None, destination: str | None = None,
                                                 destination_hostname: str | None = None,
                                                 destination_port: int | str | None = None,
                                                 destination_path: str | None = None,
                                                 destination_username: str | None = None,
                                                 destination_password: str | None = None,
                                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Count of URL clicks on SMTP messages in a period, the user.

        LuxSci `getEmailSMTPClickSummaryReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/clicks/summary

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailSMTPClickSummaryReportUser", files=files, **sent, **extra)

    def get_email_smtp_open_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                        before_date: str | None = None, from_date: str | None = None,
                                        through_date: str | None = None, first_row: int | str | None = None,
                                        matches: int | str | None = None, sender: str | None = None,
                                        recipient: str | None = None, user: str | None = None,
                                        classification: str | None = None, destination: str | None = None,
                                        destination_hostname: str | None = None,
                                        destination_port: int | str | None = None, destination_path: str | None = None,
                                        destination_username: str | None = None,
                                        destination_password: str | None = None,
                                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked opens (or none) of SMTP messages of the user.

        LuxSci `getEmailSMTPOpenReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/opens

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailSMTPOpenReportUser", files=files, **sent, **extra)

    def get_email_smtp_open_summary_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                                before_date: str | None = None, from_date: str | None = None,
                                                through_date: str | None = None, first_row: int | str | None = None,
                                                matches: int | str | None = None, destination: str | None = None,
                                                destination_hostname: str | None = None,
                                                destination_port: int | str | None = None,
                                                destination_path: str | None = None,
                                                destination_username: str | None = None,
                                                destination_password: str | None = None,
                                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Count of opens of SMTP messages in a period, the user.

        LuxSci `getEmailSMTPOpenSummaryReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/opens/summary

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailSMTPOpenSummaryReportUser", files=files, **sent, **extra)

    def get_email_web_mail_sent_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                            before_date: str | None = None, from_date: str | None = None,
                                            through_date: str | None = None, first_row: int | str | None = None,
                                            matches: int | str | None = None, sender: str | None = None,
                                            user: str | None = None, message_id: str | None = None,
                                            queue_id: str | None = None, channel: str | None = None,
                                            status: str | None = None, destination: str | None = None,
                                            destination_hostname: str | None = None,
                                            destination_port: int | str | None = None,
                                            destination_path: str | None = None,
                                            destination_username: str | None = None,
                                            destination_password: str | None = None,
                                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Messages sent via WebMail by the user.

        LuxSci `getEmailWebMailSentReportUser`, GET
        /perl/api/v2/user/{username}/report/email/webmail/sent

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            status: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "user": user, "message_id": message_id, "queue_id": queue_id, "channel":
            channel, "status": status, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return self.call("getEmailWebMailSentReportUser", files=files, **sent, **extra)

    def get_email_web_mail_delivery_status_report_user(self, *, username: str | None = None,
                                                       after_date: str | None = None, before_date: str | None = None,
                                                       from_date: str | None = None, through_date: str | None = None,
                                                       first_row: int | str | None = None,
                                                       matches: int | str | None = None, sender: str | None = None,
                                                       recipient: str | None = None, status: str | None = None,
                                                       user: str | None = None, message_id: str | None = None,
                                                       queue_id: str | None = None, channel: str | None = None,
                                                       destination: str | None = None,
                                                       destination_hostname: str | None = None,
                                                       destination_port: int | str | None = None,
                                                       destination_path: str | None = None,
                                                       destination_username: str | None = None,
                                                       destination_password: str | None = None,
                                                       files: list[tuple[str, bytes]] | None = None,
                                                       **extra: Any) -> Any:
        """Per-recipient delivery status of WebMail messages of the user.

        LuxSci `getEmailWebMailDeliveryStatusReportUser`, GET
        /perl/api/v2/user/{username}/report/email/webmail/delivery

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            status: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "status": status, "user": user, "message_id":
            message_id, "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return self.call("getEmailWebMailDeliveryStatusReportUser", files=files, **sent, **extra)

    def get_email_web_mail_click_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                             before_date: str | None = None, from_date: str | None = None,
                                             through_date: str | None = None, first_row: int | str | None = None,
                                             matches: int | str | None = None, sender: str | None = None,
                                             recipient: str | None = None, user: str | None = None,
                                             classification: str | None = None, url: str | None = None,
                                             destination: str | None = None, destination_hostname: str | None = None,
                                             destination_port: int | str | None = None,
                                             destination_path: str | None = None,
                                             destination_username: str | None = None,
                                             destination_password: str | None = None,
                                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked URL clicks (or none) on WebMail messages of the user.

        LuxSci `getEmailWebMailClickReportUser`, GET
        /perl/api/v2/user/{username}/report/email/webmail/clicks

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            url: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "url": url, "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailWebMailClickReportUser", files=files, **sent, **extra)

    def get_email_web_mail_open_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                            before_date: str | None = None, from_date: str | None = None,
                                            through_date: str | None = None, first_row: int | str | None = None,
                                            matches: int | str | None = None, sender: str | None = None,
                                            recipient: str | None = None, user: str | None = None,
                                            classification: str | None = None, destination: str | None = None,
                                            destination_hostname: str | None = None,
                                            destination_port: int | str | None = None,
                                            destination_path: str | None = None,
                                            destination_username: str | None = None,
                                            destination_password: str | None = None,
                                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked opens (or none) of WebMail messages of the user.

        LuxSci `getEmailWebMailOpenReportUser`, GET
        /perl/api/v2/user/{username}/report/email/webmail/opens

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailWebMailOpenReportUser", files=files, **sent, **extra)

    def get_email_feed_back_loops_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                              before_date: str | None = None, from_date: str | None = None,
                                              through_date: str | None = None, first_row: int | str | None = None,
                                              matches: int | str | None = None, sender: str | None = None,
                                              recipient: str | None = None, user: str | None = None,
                                              provider: str | None = None, status: str | None = None,
                                              kind: str | None = None, destination: str | None = None,
                                              destination_hostname: str | None = None,
                                              destination_port: int | str | None = None,
                                              destination_path: str | None = None,
                                              destination_username: str | None = None,
                                              destination_password: str | None = None,
                                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Messages of the user reported as spam via feedback loops.

        LuxSci `getEmailFeedBackLoopsReportUser`, GET
        /perl/api/v2/user/{username}/report/email/fbl

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            provider: (query) filter
            status: (query) filter
            kind: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "provider": provider, "status":
            status, "kind": kind, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return self.call("getEmailFeedBackLoopsReportUser", files=files, **sent, **extra)

    def get_email_feed_back_loops_summary_report_user(self, *, username: str | None = None,
                                                      after_date: str | None = None, before_date: str | None = None,
                                                      from_date: str | None = None, through_date: str | None = None,
                                                      first_row: int | str | None = None,
                                                      matches: int | str | None = None, destination: str | None = None,
                                                      destination_hostname: str | None = None,
                                                      destination_port: int | str | None = None,
                                                      destination_path: str | None = None,
                                                      destination_username: str | None = None,
                                                      destination_password: str | None = None,
                                                      files: list[tuple[str, bytes]] | None = None,
                                                      **extra: Any) -> Any:
        """Count of feedback-loop spam complaints in a period, the user.

        LuxSci `getEmailFeedBackLoopsSummaryReportUser`, GET
        /perl/api/v2/user/{username}/report/email/fbl/summary

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailFeedBackLoopsSummaryReportUser", files=files, **sent, **extra)

    def get_user_suppression_report(self, *, username: str | None = None, after_date: str | None = None,
                                    before_date: str | None = None, from_date: str | None = None,
                                    through_date: str | None = None, first_row: int | str | None = None,
                                    matches: int | str | None = None, reason: str | None = None,
                                    email: str | None = None, destination: str | None = None,
                                    destination_hostname: str | None = None, destination_port: int | str | None = None,
                                    destination_path: str | None = None, destination_username: str | None = None,
                                    destination_password: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Report of user-level email suppressions.

        LuxSci `getUserSuppressionReport`, GET
        /perl/api/v2/user/{username}/report/suppressions

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            reason: (query) filter
            email: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "reason": reason, "email": email, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return self.call("getUserSuppressionReport", files=files, **sent, **extra)

    def get_user_suppression_summary_report(self, *, username: str | None = None, after_date: str | None = None,
                                            before_date: str | None = None, from_date: str | None = None,
                                            through_date: str | None = None, first_row: int | str | None = None,
                                            matches: int | str | None = None, destination: str | None = None,
                                            destination_hostname: str | None = None,
                                            destination_port: int | str | None = None,
                                            destination_path: str | None = None,
                                            destination_username: str | None = None,
                                            destination_password: str | None = None,
                                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Number of user-level suppressions created in a period.

        LuxSci `getUserSuppressionSummaryReport`, GET
        /perl/api/v2/user/{username}/report/suppressions/summary

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getUserSuppressionSummaryReport", files=files, **sent, **extra)

    def get_email_smtp_temp_fail_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                             before_date: str | None = None, from_date: str | None = None,
                                             through_date: str | None = None, first_row: int | str | None = None,
                                             matches: int | str | None = None, sender: str | None = None,
                                             recipient: str | None = None, user: str | None = None,
                                             message_id: str | None = None, queue_id: str | None = None,
                                             channel: str | None = None, destination: str | None = None,
                                             destination_hostname: str | None = None,
                                             destination_port: int | str | None = None,
                                             destination_path: str | None = None,
                                             destination_username: str | None = None,
                                             destination_password: str | None = None,
                                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Temporary delivery failures met by SMTP messages of the user.

        LuxSci `getEmailSMTPTempFailReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/tempfail

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "message_id": message_id,
            "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return self.call("getEmailSMTPTempFailReportUser", files=files, **sent, **extra)

    def get_email_smtp_login_failure_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                                 before_date: str | None = None, from_date: str | None = None,
                                                 through_date: str | None = None, first_row: int | str | None = None,
                                                 matches: int | str | None = None, type: str | None = None,
                                                 login: str | None = None, destination: str | None = None,
                                                 destination_hostname: str | None = None,
                                                 destination_port: int | str | None = None,
                                                 destination_path: str | None = None,
                                                 destination_username: str | None = None,
                                                 destination_password: str | None = None,
                                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """SMTP login failures and send rejections for the user.

        LuxSci `getEmailSMTPLoginFailureReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/loginfail

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            type: (query) filter
            login: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches, "type":
            type, "login": login, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return self.call("getEmailSMTPLoginFailureReportUser", files=files, **sent, **extra)

    def get_user_jobs(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                      **extra: Any) -> Any:
        """The user's asynchronous report jobs from the last 7 days.

        LuxSci `getUserJobs`, GET
        /perl/api/v2/user/{username}/report/jobs

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return self.call("getUserJobs", files=files, **sent, **extra)

    def get_user_job(self, *, job_id: int | str, username: str | None = None, download: bool | int | str | None = None,
                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Status and details of one asynchronous report job of the user.

        LuxSci `getUserJob`, GET
        /perl/api/v2/user/{username}/report/jobs/{job_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            job_id: (path) an id (a whole number)
            download: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "job_id": job_id, "download": download,
        })
        return self.call("getUserJob", files=files, **sent, **extra)

    def new_web_aide(self, *, webaide_type: str, username: str | None = None, name: str | None = None,
                     description: str | None = None, shares: list[Any] | None = None,
                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a WebAide container (e.g. an address book) of the given type.

        LuxSci `newWebAide`, POST
        /perl/api/v2/user/{username}/webaides/{webaide_type}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            name: (body) one line of text
            description: (body) text
            shares: (body) a list
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "name": name, "description":
            description, "shares": shares,
        })
        return self.call("newWebAide", files=files, **sent, **extra)

    def delete_web_aide(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a WebAide the user owns.

        LuxSci `deleteWebAide`, DELETE
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id,
        })
        return self.call("deleteWebAide", files=files, **sent, **extra)

    def get_web_aides(self, *, webaide_type: str, username: str | None = None,
                      owned_only: bool | int | str | None = None, name: str | None = None,
                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List WebAides of a type accessible to the user, with query filters.

        LuxSci `getWebAides`, GET
        /perl/api/v2/user/{username}/webaides/{webaide_type}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            owned_only: (query) 1 = only the caller's own WebAides; a flag: 1/0, true/false, yes/no, on/off
            name: (query) case-insensitive substring of the name
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "owned_only": owned_only, "name": name,
        })
        return self.call("getWebAides", files=files, **sent, **extra)

    def get_web_aide(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one WebAide.

        LuxSci `getWebAide`, GET
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id,
        })
        return self.call("getWebAide", files=files, **sent, **extra)

    def new_web_aide_entry(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create one entry in a WebAide.

        LuxSci `newWebAideEntry`, POST
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id,
        })
        return self.call("newWebAideEntry", files=files, **sent, **extra)

    def delete_web_aide_entry(self, *, webaide_type: str, webaide_id: int | str, entry_id: int | str,
                              username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                              **extra: Any) -> Any:
        """Delete one WebAide entry.

        LuxSci `deleteWebAideEntry`, DELETE
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries/{entry_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            entry_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "entry_id":
            entry_id,
        })
        return self.call("deleteWebAideEntry", files=files, **sent, **extra)

    def get_web_aide_entry(self, *, webaide_type: str, webaide_id: int | str, entry_id: int | str,
                           username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                           **extra: Any) -> Any:
        """Read the full contents of one WebAide entry.

        LuxSci `getWebAideEntry`, GET
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries/{entry_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            entry_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "entry_id":
            entry_id,
        })
        return self.call("getWebAideEntry", files=files, **sent, **extra)

    def update_web_aide_entry(self, *, webaide_type: str, webaide_id: int | str, entry_id: int | str,
                              username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                              **extra: Any) -> Any:
        """Change one WebAide entry.

        LuxSci `updateWebAideEntry`, PUT
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries/{entry_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            entry_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "entry_id":
            entry_id,
        })
        return self.call("updateWebAideEntry", files=files, **sent, **extra)

    def add_update_web_aide_entries(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Bulk add/update entries (PUT on the collection; POST is newWebAideEntry).

        LuxSci `addUpdateWebAideEntries`, PUT
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id,
        })
        return self.call("addUpdateWebAideEntries", files=files, **sent, **extra)

    def delete_web_aide_entries(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                                entry_ids: list[Any] | None = None, files: list[tuple[str, bytes]] | None = None,
                                **extra: Any) -> Any:
        """Bulk delete the listed entries of a WebAide.

        LuxSci `deleteWebAideEntries`, DELETE
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            entry_ids: (query) a list
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "entry_ids":
            entry_ids,
        })
        return self.call("deleteWebAideEntries", files=files, **sent, **extra)

    def get_web_aide_entries(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                             category: str | None = None, entry_ids: str | None = None, format: str | None = None,
                             first_row: int | str | None = None, matches: int | str | None = None,
                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read all entries of a WebAide that match a query.

        LuxSci `getWebAideEntries`, GET
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            category: (query) entries carrying this tag
            entry_ids: (query) comma-separated Unique IDs
            format: (query) json (default) or ics (calendars and tasks)
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "category":
            category, "entry_ids": entry_ids, "format": format, "first_row": first_row, "matches":
            matches,
        })
        return self.call("getWebAideEntries", files=files, **sent, **extra)

    def get_calendar_entries_date_range(self, *, webaide_id: int | str, username: str | None = None,
                                        from_date: str | None = None, through_date: str | None = None,
                                        category: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                        **extra: Any) -> Any:
        """Calendar entries (incl. recurring) falling within a date range.

        LuxSci `getCalendarEntriesDateRange`, GET
        /perl/api/v2/user/{username}/webaides/calendars/{webaide_id}/range

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_id: (path) an id (a whole number)
            from_date: (query) text
            through_date: (query) text
            category: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_id": webaide_id, "from_date": from_date, "through_date":
            through_date, "category": category,
        })
        return self.call("getCalendarEntriesDateRange", files=files, **sent, **extra)

    def get_web_aide_changes(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                             since: str | None = None, files: list[tuple[str, bytes]] | None = None,
                             **extra: Any) -> Any:
        """Entries added, changed or deleted since a given time (for sync).

        LuxSci `getWebAideChanges`, GET
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/changes

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            since: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "since":
            since,
        })
        return self.call("getWebAideChanges", files=files, **sent, **extra)

    def get_user_report(self, *, account: str | None = None, status: str | None = None, domain: str | None = None,
                        younger_than: int | str | None = None, older_than: int | str | None = None,
                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List users of the account matching query filters.

        LuxSci `getUserReport`, GET
        /perl/api/v2/account/{account}/users

        Args:
            account: (path) the account (default: the client's account)
            status: (query) text
            domain: (query) text
            younger_than: (query) a whole number, 0 or more
            older_than: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "status": status, "domain": domain, "younger_than": younger_than,
            "older_than": older_than,
        })
        return self.call("getUserReport", files=files, **sent, **extra)

    def get_user_report2(self, *, account: str | None = None, status: str | None = None, domain: str | None = None,
                         younger_than: int | str | None = None, older_than: int | str | None = None,
                         first_row: int | str | None = None, matches: int | str | None = None,
                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Report-style listing of users in the account.

        LuxSci `getUserReport2`, GET
        /perl/api/v2/account/{account}/users/report2

        Args:
            account: (path) the account (default: the client's account)
            status: (query) text
            domain: (query) text
            younger_than: (query) a whole number, 0 or more
            older_than: (query) a whole number, 0 or more
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "status": status, "domain": domain, "younger_than": younger_than,
            "older_than": older_than, "first_row": first_row, "matches": matches,
        })
        return self.call("getUserReport2", files=files, **sent, **extra)

    def get_user_summary_report(self, *, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                **extra: Any) -> Any:
        """Number of users created within a date range.

        LuxSci `getUserSummaryReport`, GET
        /perl/api/v2/account/{account}/users/summary

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return self.call("getUserSummaryReport", files=files, **sent, **extra)

    def create_user(self, *, account: str | None = None, contact: str | None = None, company: str | None = None,
                    email1: str | None = None, email2: str | None = None, phone1: str | None = None,
                    phone2: str | None = None, fax: str | None = None, sms: str | None = None,
                    street1: str | None = None, street2: str | None = None, city: str | None = None,
                    state: str | None = None, zip: str | None = None, country: str | None = None,
                    custom1: str | None = None, custom2: str | None = None, custom3: str | None = None,
                    password: str | None = None, status: str | None = None, services: list[Any] | None = None,
                    flags: list[Any] | None = None, disk_quota: float | str | None = None, timezone: str | None = None,
                    language: str | None = None, date_format: str | None = None, time_format: str | None = None,
                    force_ssl: bool | int | str | None = None, tls_policy: str | None = None,
                    hourly_send_limit: int | str | None = None, allow_no_encryption: bool | int | str | None = None,
                    password_expiration: int | str | None = None, escrow_expiration: int | str | None = None,
                    user: str | None = None, files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a user in the account.

        LuxSci `createUser`, POST
        /perl/api/v2/account/{account}/users

        Args:
            account: (path) the account (default: the client's account)
            contact: (body) text; at most 200 characters
            company: (body) text; at most 200 characters
            email1: (body) text; at most 320 characters
            email2: (body) text; at most 320 characters
            phone1: (body) text; at most 50 characters
            phone2: (body) text; at most 50 characters
            fax: (body) text; at most 50 characters
            sms: (body) text; at most 50 characters
            street1: (body) text; at most 200 characters
            street2: (body) text; at most 200 characters
            city: (body) text; at most 100 characters
            state: (body) text; at most 100 characters
            zip: (body) text; at most 20 characters
            country: (body) text; at most 100 characters
            custom1: (body) text; at most 500 characters
            custom2: (body) text; at most 500 characters
            custom3: (body) text; at most 500 characters
            password: (body) text
            status: (body) text
            services: (body) a list
            flags: (body) a list
            disk_quota: (body) a number
            timezone: (body) text
            language: (body) text
            date_format: (body) text
            time_format: (body) text
            force_ssl: (body) a flag: 1/0, true/false, yes/no, on/off
            tls_policy: (body) text
            hourly_send_limit: (body) a whole number, 0 or more
            allow_no_encryption: (body) a flag: 1/0, true/false, yes/no, on/off
            password_expiration: (body) a whole number, 0 or more
            escrow_expiration: (body) a whole number, 0 or more
            user: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contact": contact, "company": company, "email1": email1, "email2":
            email2, "phone1": phone1, "phone2": phone2, "fax": fax, "sms": sms, "street1": street1,
            "street2": street2, "city": city, "state": state, "zip": zip, "country": country, "custom1":
            custom1, "custom2": custom2, "custom3": custom3, "password": password, "status": status,
            "services": services, "flags": flags, "disk_quota": disk_quota, "timezone": timezone,
            "language": language, "date_format": date_format, "time_format": time_format, "force_ssl":
            force_ssl, "tls_policy": tls_policy, "hourly_send_limit": hourly_send_limit,
            "allow_no_encryption": allow_no_encryption, "password_expiration": password_expiration,
            "escrow_expiration": escrow_expiration, "user": user,
        })
        return self.call("createUser", files=files, **sent, **extra)

    def delete_user(self, *, username: str, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                    **extra: Any) -> Any:
        """Delete a user from the account.

        LuxSci `deleteUser`, DELETE
        /perl/api/v2/account/{account}/users/{username}

        Args:
            account: (path) the account (default: the client's account)
            username: (path) the user's login
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "username": username,
        })
        return self.call("deleteUser", files=files, **sent, **extra)

    def rename_user(self, *, username: str, account: str | None = None, new_user: str | None = None,
                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change a user's login email address.

        LuxSci `renameUser`, PUT
        /perl/api/v2/account/{account}/users/{username}/rename

        Args:
            account: (path) the account (default: the client's account)
            username: (path) the user's login
            new_user: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "username": username, "new_user": new_user,
        })
        return self.call("renameUser", files=files, **sent, **extra)

    def update_user_settings(self, *, username: str, account: str | None = None, contact: str | None = None,
                             company: str | None = None, email1: str | None = None, email2: str | None = None,
                             phone1: str | None = None, phone2: str | None = None, fax: str | None = None,
                             sms: str | None = None, street1: str | None = None, street2: str | None = None,
                             city: str | None = None, state: str | None = None, zip: str | None = None,
                             country: str | None = None, custom1: str | None = None, custom2: str | None = None,
                             custom3: str | None = None, password: str | None = None, status: str | None = None,
                             services: list[Any] | None = None, flags: list[Any] | None = None,
                             disk_quota: float | str | None = None, timezone: str | None = None,
                             language: str | None = None, date_format: str | None = None,
                             time_format: str | None = None, force_ssl: bool | int | str | None = None,
                             tls_policy: str | None = None, hourly_send_limit: int | str | None = None,
                             allow_no_encryption: bool | int | str | None = None,
                             password_expiration: int | str | None = None, escrow_expiration: int | str | None = None,
                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change one or more properties of a user.

        LuxSci `updateUserSettings`, PUT
        /perl/api/v2/account/{account}/users/{username}

        Args:
            account: (path) the account (default: the client's account)
            username: (path) the user's login
            contact: (body) text; at most 200 characters
            company: (body) text; at most 200 characters
            email1: (body) text; at most 320 characters
            email2: (body) text; at most 320 characters
            phone1: (body) text; at most 50 characters
            phone2: (body) text; at most 50 characters
            fax: (body) text; at most 50 characters
            sms: (body) text; at most 50 characters
            street1: (body) text; at most 200 characters
            street2: (body) text; at most 200 characters
            city: (body) text; at most 100 characters
            state: (body) text; at most 100 characters
            zip: (body) text; at most 20 characters
            country: (body) text; at most 100 characters
            custom1: (body) text; at most 500 characters
            custom2: (body) text; at most 500 characters
            custom3: (body) text; at most 500 characters
            password: (body) text
            status: (body) text
            services: (body) a list
            flags: (body) a list
            disk_quota: (body) a number
            timezone: (body) text
            language: (body) text
            date_format: (body) text
            time_format: (body) text
            force_ssl: (body) a flag: 1/0, true/false, yes/no, on/off
            tls_policy: (body) text
            hourly_send_limit: (body) a whole number, 0 or more
            allow_no_encryption: (body) a flag: 1/0, true/false, yes/no, on/off
            password_expiration: (body) a whole number, 0 or more
            escrow_expiration: (body) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "username": username, "contact": contact, "company": company, "email1":
            email1, "email2": email2, "phone1": phone1, "phone2": phone2, "fax": fax, "sms": sms,
            "street1": street1, "street2": street2, "city": city, "state": state, "zip": zip, "country":
            country, "custom1": custom1, "custom2": custom2, "custom3": custom3, "password": password,
            "status": status, "services": services, "flags": flags, "disk_quota": disk_quota,
            "timezone": timezone, "language": language, "date_format": date_format, "time_format":
            time_format, "force_ssl": force_ssl, "tls_policy": tls_policy, "hourly_send_limit":
            hourly_send_limit, "allow_no_encryption": allow_no_encryption, "password_expiration":
            password_expiration, "escrow_expiration": escrow_expiration,
        })
        return self.call("updateUserSettings", files=files, **sent, **extra)

    def create_domain(self, *, account: str | None = None, domain: str | None = None,
                      is_enabled: bool | int | str | None = None, is_hipaa: bool | int | str | None = None,
                      settings: dict[str, Any] | None = None, files: list[tuple[str, bytes]] | None = None,
                      **extra: Any) -> Any:
        """Add a domain to the account.

        LuxSci `createDomain`, POST
        /perl/api/v2/account/{account}/domains

        Args:
            account: (path) the account (default: the client's account)
            domain: (body) text
            is_enabled: (body) a flag: 1/0, true/false, yes/no, on/off
            is_hipaa: (body) a flag: 1/0, true/false, yes/no, on/off
            settings: (body) an object
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "is_enabled": is_enabled, "is_hipaa": is_hipaa,
            "settings": settings,
        })
        return self.call("createDomain", files=files, **sent, **extra)

    def get_domains_report(self, *, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                           **extra: Any) -> Any:
        """List the domains of the account.

        LuxSci `getDomainsReport`, GET
        /perl/api/v2/account/{account}/domains

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return self.call("getDomainsReport", files=files, **sent, **extra)

    def delete_domain(self, *, domain: str, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                      **extra: Any) -> Any:
        """Remove a domain from the account.

        LuxSci `deleteDomain`, DELETE
        /perl/api/v2/account/{account}/domains/{domain}

        Args:
            account: (path) the account (default: the client's account)
            domain: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain,
        })
        return self.call("deleteDomain", files=files, **sent, **extra)

    def update_domain(self, *, domain: str, account: str | None = None, is_enabled: bool | int | str | None = None,
                      is_verified: bool | int | str | None = None, is_hipaa: bool | int | str | None = None,
                      settings: dict[str, Any] | None = None, files: list[tuple[str, bytes]] | None = None,
                      **extra: Any) -> Any:
        """Change selected settings of a domain.

        LuxSci `updateDomain`, PUT
        /perl/api/v2/account/{account}/domains/{domain}

        Args:
            account: (path) the account (default: the client's account)
            domain: (path) path segment
            is_enabled: (body) a flag: 1/0, true/false, yes/no, on/off
            is_verified: (body) a flag: 1/0, true/false, yes/no, on/off
            is_hipaa: (body) a flag: 1/0, true/false, yes/no, on/off
            settings: (body) an object
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "is_enabled": is_enabled, "is_verified": is_verified,
            "is_hipaa": is_hipaa, "settings": settings,
        })
        return self.call("updateDomain", files=files, **sent, **extra)

    def get_domain_details(self, *, domain: str, account: str | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one domain (same data as the domains report).

        LuxSci `getDomainDetails`, GET
        /perl/api/v2/account/{account}/domains/{domain}

        Args:
            account: (path) the account (default: the client's account)
            domain: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain,
        })
        return self.call("getDomainDetails", files=files, **sent, **extra)

    def create_alias(self, *, account: str | None = None, action: str | None = None,
                     dest: list[Any] | str | None = None, bounce: str | None = None, status: str | None = None,
                     user: str | None = None, domain: str | None = None, aliases: list[Any] | None = None,
                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create one or more email aliases.

        LuxSci `createAlias`, POST
        /perl/api/v2/account/{account}/aliases

        Args:
            account: (path) the account (default: the client's account)
            action: (body) text
            dest: (body) any JSON value
            bounce: (body) text; at most 2000 characters
            status: (body) text
            user: (body) text; at most 400 characters
            domain: (body) text; at most 400 characters
            aliases: (body) a list
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "action": action, "dest": dest, "bounce": bounce, "status": status,
            "user": user, "domain": domain, "aliases": aliases,
        })
        return self.call("createAlias", files=files, **sent, **extra)

    def get_aliases_report(self, *, account: str | None = None, domain: str | None = None, type: str | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List aliases, user forwards, catch-alls and WebAide group lists.

        LuxSci `getAliasesReport`, GET
        /perl/api/v2/account/{account}/aliases

        Args:
            account: (path) the account (default: the client's account)
            domain: (query) text
            type: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "type": type,
        })
        return self.call("getAliasesReport", files=files, **sent, **extra)

    def get_alias_details(self, *, alias: str, account: str | None = None,
                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one email alias.

        LuxSci `getAliasDetails`, GET
        /perl/api/v2/account/{account}/aliases/{alias}

        Args:
            account: (path) the account (default: the client's account)
            alias: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "alias": alias,
        })
        return self.call("getAliasDetails", files=files, **sent, **extra)

    def update_alias(self, *, alias: str, account: str | None = None, action: str | None = None,
                     dest: list[Any] | str | None = None, bounce: str | None = None, status: str | None = None,
                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change an existing email alias.

        LuxSci `updateAlias`, PUT
        /perl/api/v2/account/{account}/aliases/{alias}

        Args:
            account: (path) the account (default: the client's account)
            alias: (path) path segment
            action: (body) text
            dest: (body) any JSON value
            bounce: (body) text; at most 2000 characters
            status: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "alias": alias, "action": action, "dest": dest, "bounce": bounce,
            "status": status,
        })
        return self.call("updateAlias", files=files, **sent, **extra)

    def delete_alias(self, *, alias: str, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                     **extra: Any) -> Any:
        """Delete the alias with the given address.

        LuxSci `deleteAlias`, DELETE
        /perl/api/v2/account/{account}/aliases/{alias}

        Args:
            account: (path) the account (default: the client's account)
            alias: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "alias": alias,
        })
        return self.call("deleteAlias", files=files, **sent, **extra)

    def create_dkim(self, *, account: str | None = None, domain: str | None = None, selector: str | None = None,
                    key_size: int | str | None = None, bits: int | str | None = None, key_type: str | None = None,
                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a DKIM configuration for a domain.

        LuxSci `createDkim`, POST
        /perl/api/v2/account/{account}/dkim

        Args:
            account: (path) the account (default: the client's account)
            domain: (body) text; at most 300 characters
            selector: (body) text; at most 100 characters
            key_size: (body) a whole number, 0 or more
            bits: (body) accepted spelling of key_size; a whole number, 0 or more
            key_type: (body) extension: rsa (default) | ed25519 (RFC 8463); at most 20 characters
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "selector": selector, "key_size": key_size, "bits":
            bits, "key_type": key_type,
        })
        return self.call("createDkim", files=files, **sent, **extra)

    def get_dkim_report(self, *, account: str | None = None, domain: str | None = None,
                        check_dns: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                        **extra: Any) -> Any:
        """List the DKIM configurations of the account.

        LuxSci `getDkimReport`, GET
        /perl/api/v2/account/{account}/dkim

        Args:
            account: (path) the account (default: the client's account)
            domain: (query) text
            check_dns: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "check_dns": check_dns,
        })
        return self.call("getDkimReport", files=files, **sent, **extra)

    def get_dkim_details(self, *, domain: str, account: str | None = None, check_dns: bool | int | str | None = None,
                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read the DKIM configuration of one domain.

        LuxSci `getDkimDetails`, GET
        /perl/api/v2/account/{account}/dkim/{domain}

        Args:
            account: (path) the account (default: the client's account)
            domain: (path) path segment
            check_dns: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "check_dns": check_dns,
        })
        return self.call("getDkimDetails", files=files, **sent, **extra)

    def delete_dkim(self, *, domain: str, account: str | None = None, selector: str | None = None,
                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove the DKIM configuration of one domain.

        LuxSci `deleteDkim`, DELETE
        /perl/api/v2/account/{account}/dkim/{domain}

        Args:
            account: (path) the account (default: the client's account)
            domain: (path) path segment
            selector: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "selector": selector,
        })
        return self.call("deleteDkim", files=files, **sent, **extra)

    def create_custom_bounce_domain(self, *, account: str | None = None, domain: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add a custom bounce domain (DKIM and DNS must already be in place).

        LuxSci `createCustomBounceDomain`, POST
        /perl/api/v2/account/{account}/bounce_domains

        Args:
            account: (path) the account (default: the client's account)
            domain: (body) text; at most 300 characters
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain,
        })
        return self.call("createCustomBounceDomain", files=files, **sent, **extra)

    def delete_account_suppression(self, *, email: str, account: str | None = None,
                                   files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove one address from the account-level suppression list.

        LuxSci `deleteAccountSuppression`, DELETE
        /perl/api/v2/account/{account}/suppressions/{email}

        Args:
            account: (path) the account (default: the client's account)
            email: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email,
        })
        return self.call("deleteAccountSuppression", files=files, **sent, **extra)

    def get_account_suppression(self, *, email: str, account: str | None = None,
                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one account-level suppression.

        LuxSci `getAccountSuppression`, GET
        /perl/api/v2/account/{account}/suppressions/{email}

        Args:
            account: (path) the account (default: the client's account)
            email: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email,
        })
        return self.call("getAccountSuppression", files=files, **sent, **extra)

    def get_account_suppression_list(self, *, account: str | None = None, email: str | None = None,
                                     reason: str | None = None, after_date: str | None = None,
                                     before_date: str | None = None, from_date: str | None = None,
                                     through_date: str | None = None, first_row: int | str | None = None,
                                     matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                     **extra: Any) -> Any:
        """List all account-level email suppressions.

        LuxSci `getAccountSuppressionList`, GET
        /perl/api/v2/account/{account}/suppressions

        Args:
            account: (path) the account (default: the client's account)
            email: (query) substring of the address, case-insensitive
            reason: (query) text
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "reason": reason, "after_date": after_date,
            "before_date": before_date, "from_date": from_date, "through_date": through_date,
            "first_row": first_row, "matches": matches,
        })
        return self.call("getAccountSuppressionList", files=files, **sent, **extra)

    def create_account_suppression(self, *, account: str | None = None, email: str | None = None,
                                   emails: list[Any] | str | None = None, reason: str | None = None,
                                   note: str | None = None, expires: str | None = None,
                                   files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add one or more account-level email suppressions.

        LuxSci `createAccountSuppression`, POST
        /perl/api/v2/account/{account}/suppressions

        Args:
            account: (path) the account (default: the client's account)
            email: (body) text
            emails: (body) any JSON value
            reason: (body) manual (default), bounce, complaint, unsubscribe
            note: (body) text
            expires: (body) DATETIME (GMT); absent = never
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "emails": emails, "reason": reason, "note": note,
            "expires": expires,
        })
        return self.call("createAccountSuppression", files=files, **sent, **extra)

    def create_or_update_secure_send_user(self, *, namespace_id: str, ss_user: str, account: str | None = None,
                                          name: str | None = None, password: str | None = None,
                                          enabled: bool | int | str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create or update a SecureSend user in a namespace (upsert).

        LuxSci `createOrUpdateSecureSendUser`, PUT
        /perl/api/v2/account/{account}/securesend/{namespace_id}/users/{ss_user}

        Args:
            account: (path) the account (default: the client's account)
            namespace_id: (path) path segment
            ss_user: (path) path segment
            name: (body) text
            password: (body) text
            enabled: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "namespace_id": namespace_id, "ss_user": ss_user, "name": name,
            "password": password, "enabled": enabled,
        })
        return self.call("createOrUpdateSecureSendUser", files=files, **sent, **extra)

    def change_secure_send_user_password(self, *, namespace_id: str, ss_user: str, account: str | None = None,
                                         password: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                         **extra: Any) -> Any:
        """Set a SecureSend user's password.

        LuxSci `changeSecureSendUserPassword`, PUT
        /perl/api/v2/account/{account}/securesend/{namespace_id}/users/{ss_user}/password

        Args:
            account: (path) the account (default: the client's account)
            namespace_id: (path) path segment
            ss_user: (path) path segment
            password: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "namespace_id": namespace_id, "ss_user": ss_user, "password": password,
        })
        return self.call("changeSecureSendUserPassword", files=files, **sent, **extra)

    def get_secure_send_user_single_sign_on_link(self, *, namespace_id: str, ss_user: str, account: str | None = None,
                                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Make a one-click login URL for the SecureSend portal.

        LuxSci `getSecureSendUserSingleSignOnLink`, GET
        /perl/api/v2/account/{account}/securesend/{namespace_id}/users/{ss_user}/sso

        Args:
            account: (path) the account (default: the client's account)
            namespace_id: (path) path segment
            ss_user: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "namespace_id": namespace_id, "ss_user": ss_user,
        })
        return self.call("getSecureSendUserSingleSignOnLink", files=files, **sent, **extra)

    def get_secure_send_user_list(self, *, namespace_id: str, account: str | None = None,
                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List all users in a SecureSend namespace.

        LuxSci `getSecureSendUserList`, GET
        /perl/api/v2/account/{account}/securesend/{namespace_id}/users

        Args:
            account: (path) the account (default: the client's account)
            namespace_id: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "namespace_id": namespace_id,
        })
        return self.call("getSecureSendUserList", files=files, **sent, **extra)

    def add_marketing_list(self, *, account: str | None = None, name: str | None = None,
                           description: str | None = None, from_name: str | None = None,
                           from_address: str | None = None, reply_to: str | None = None,
                           group_id: int | str | None = None, group: str | None = None,
                           fields: list[Any] | str | None = None, files: list[tuple[str, bytes]] | None = None,
                           **extra: Any) -> Any:
        """Create a contact list.

        LuxSci `addMarketingList`, POST
        /perl/api/v2/account/{account}/marketing/lists

        Args:
            account: (path) the account (default: the client's account)
            name: (body) text
            description: (body) text
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            group: (body) text
            fields: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "name": name, "description": description, "from_name": from_name,
            "from_address": from_address, "reply_to": reply_to, "group_id": group_id, "group": group,
            "fields": fields,
        })
        return self.call("addMarketingList", files=files, **sent, **extra)

    def delete_marketing_list(self, *, list_id: int | str, account: str | None = None,
                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a contact list.

        LuxSci `deleteMarketingList`, DELETE
        /perl/api/v2/account/{account}/marketing/lists/{list_id}

        Args:
            account: (path) the account (default: the client's account)
            list_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "list_id": list_id,
        })
        return self.call("deleteMarketingList", files=files, **sent, **extra)

    def delete_marketing_list_group(self, *, group_id: int | str, account: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a group of contact lists.

        LuxSci `deleteMarketingListGroup`, DELETE
        /perl/api/v2/account/{account}/marketing/list_groups/{group_id}

        Args:
            account: (path) the account (default: the client's account)
            group_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "group_id": group_id,
        })
        return self.call("deleteMarketingListGroup", files=files, **sent, **extra)

    def get_marketing_lists(self, *, account: str | None = None, list_id: int | str | None = None,
                            name: str | None = None, files: list[tuple[str, bytes]] | None = None,
                            **extra: Any) -> Any:
        """Read one or more contact lists.

        LuxSci `getMarketingLists`, GET
        /perl/api/v2/account/{account}/marketing/lists

        Args:
            account: (path) the account (default: the client's account)
            list_id: (query) an id; blank means not given
            name: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "list_id": list_id, "name": name,
        })
        return self.call("getMarketingLists", files=files, **sent, **extra)

    def update_marketing_list(self, *, list_id: int | str, account: str | None = None, name: str | None = None,
                              description: str | None = None, from_name: str | None = None,
                              from_address: str | None = None, reply_to: str | None = None,
                              group_id: int | str | None = None, group: str | None = None,
                              fields: list[Any] | str | None = None, files: list[tuple[str, bytes]] | None = None,
                              **extra: Any) -> Any:
        """Change list details (e.g. From name/address) or assign custom fields.

        LuxSci `updateMarketingList`, PUT
        /perl/api/v2/account/{account}/marketing/lists/{list_id}

        Args:
            account: (path) the account (default: the client's account)
            list_id: (path) an id (a whole number)
            name: (body) text
            description: (body) text
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            group: (body) text
            fields: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "list_id": list_id, "name": name, "description": description,
            "from_name": from_name, "from_address": from_address, "reply_to": reply_to, "group_id":
            group_id, "group": group, "fields": fields,
        })
        return self.call("updateMarketingList", files=files, **sent, **extra)

    def get_marketing_list_groups(self, *, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                  **extra: Any) -> Any:
        """List the contact list groups.

        LuxSci `getMarketingListGroups`, GET
        /perl/api/v2/account/{account}/marketing/list_groups

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return self.call("getMarketingListGroups", files=files, **sent, **extra)

    def add_marketing_contact(self, *, account: str | None = None, email: str | None = None, status: str | None = None,
                              fields: dict[str, Any] | None = None, list_id: int | str | None = None,
                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add one new contact.

        LuxSci `addMarketingContact`, POST
        /perl/api/v2/account/{account}/marketing/contacts

        Args:
            account: (path) the account (default: the client's account)
            email: (body) text
            status: (body) subscribed (default) | unsubscribed | bounced | complained
            fields: (body) custom field name -> value, checked against the field's type
            list_id: (body) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "status": status, "fields": fields, "list_id": list_id,
        })
        return self.call("addMarketingContact", files=files, **sent, **extra)

    def add_marketing_contacts(self, *, account: str | None = None, contacts: list[Any] | None = None,
                               list_id: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                               **extra: Any) -> Any:
        """Add many contacts at once (/bulk keeps it apart from addMarketingContact).

        LuxSci `addMarketingContacts`, POST
        /perl/api/v2/account/{account}/marketing/contacts/bulk

        Args:
            account: (path) the account (default: the client's account)
            contacts: (body) a list
            list_id: (body) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contacts": contacts, "list_id": list_id,
        })
        return self.call("addMarketingContacts", files=files, **sent, **extra)

    def get_marketing_contacts(self, *, account: str | None = None, list_id: int | str | None = None,
                               status: str | None = None, email: str | None = None, after_date: str | None = None,
                               before_date: str | None = None, from_date: str | None = None,
                               through_date: str | None = None, first_row: int | str | None = None,
                               matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                               **extra: Any) -> Any:
        """Read contact data for one list or all lists; all filters optional.

        LuxSci `getMarketingContacts`, GET
        /perl/api/v2/account/{account}/marketing/contacts

        Args:
            account: (path) the account (default: the client's account)
            list_id: (query) an id; blank means not given
            status: (query) text
            email: (query) case-insensitive substring
            after_date: (query) bounds on `modified`
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "list_id": list_id, "status": status, "email": email, "after_date":
            after_date, "before_date": before_date, "from_date": from_date, "through_date":
            through_date, "first_row": first_row, "matches": matches,
        })
        return self.call("getMarketingContacts", files=files, **sent, **extra)

    def get_marketing_contact_by_id(self, *, contact_id: int | str, account: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one contact by its ID.

        LuxSci `getMarketingContactById`, GET
        /perl/api/v2/account/{account}/marketing/contacts/{contact_id}

        Args:
            account: (path) the account (default: the client's account)
            contact_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contact_id": contact_id,
        })
        return self.call("getMarketingContactById", files=files, **sent, **extra)

    def update_marketing_contact_by_id(self, *, contact_id: int | str, account: str | None = None,
                                       email: str | None = None, status: str | None = None,
                                       fields: dict[str, Any] | None = None,
                                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change a contact, incl. custom field values, by its ID.

        LuxSci `updateMarketingContactById`, PUT
        /perl/api/v2/account/{account}/marketing/contacts/{contact_id}

        Args:
            account: (path) the account (default: the client's account)
            contact_id: (path) an id (a whole number)
            email: (body) text
            status: (body) subscribed (default) | unsubscribed | bounced | complained
            fields: (body) custom field name -> value, checked against the field's type
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contact_id": contact_id, "email": email, "status": status, "fields":
            fields,
        })
        return self.call("updateMarketingContactById", files=files, **sent, **extra)

    def update_marketing_contact_by_email(self, *, email: str, account: str | None = None, status: str | None = None,
                                          fields: dict[str, Any] | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change contacts with this address (/by_email avoids clash with the ID form).

        LuxSci `updateMarketingContactByEmail`, PUT
        /perl/api/v2/account/{account}/marketing/contacts/{email}/by_email

        Args:
            account: (path) the account (default: the client's account)
            email: (path) path segment
            status: (body) subscribed (default) | unsubscribed | bounced | complained
            fields: (body) custom field name -> value, checked against the field's type
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "status": status, "fields": fields,
        })
        return self.call("updateMarketingContactByEmail", files=files, **sent, **extra)

    def delete_marketing_contact_by_id(self, *, contact_id: int | str, account: str | None = None,
                                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a contact by its ID.

        LuxSci `deleteMarketingContactById`, DELETE
        /perl/api/v2/account/{account}/marketing/contacts/{contact_id}

        Args:
            account: (path) the account (default: the client's account)
            contact_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contact_id": contact_id,
        })
        return self.call("deleteMarketingContactById", files=files, **sent, **extra)

    def mark_contact_as_unsubscribed(self, *, contact_id: int | str, account: str | None = None,
                                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Set a contact's status to unsubscribed.

        LuxSci `markContactAsUnsubscribed`, PUT
        /perl/api/v2/account/{account}/marketing/contacts/{contact_id}/unsubscribe

        Args:
            account: (path) the account (default: the client's account)
            contact_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contact_id": contact_id,
        })
        return self.call("markContactAsUnsubscribed", files=files, **sent, **extra)

    def get_marketing_campaigns(self, *, account: str | None = None, group: str | None = None,
                                status: str | None = None, name: str | None = None, after_date: str | None = None,
                                before_date: str | None = None, from_date: str | None = None,
                                through_date: str | None = None, first_row: int | str | None = None,
                                matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                **extra: Any) -> Any:
        """Read details of campaigns.

        LuxSci `getMarketingCampaigns`, GET
        /perl/api/v2/account/{account}/marketing/campaigns

        Args:
            account: (path) the account (default: the client's account)
            group: (query) text
            status: (query) text
            name: (query) case-insensitive substring
            after_date: (query) bounds on `modified`
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "group": group, "status": status, "name": name, "after_date":
            after_date, "before_date": before_date, "from_date": from_date, "through_date":
            through_date, "first_row": first_row, "matches": matches,
        })
        return self.call("getMarketingCampaigns", files=files, **sent, **extra)

    def add_marketing_campaign(self, *, account: str | None = None, name: str | None = None,
                               subject: str | None = None, html: str | None = None, text: str | None = None,
                               template_id: int | str | None = None, lists: list[Any] | str | None = None,
                               from_name: str | None = None, from_address: str | None = None,
                               reply_to: str | None = None, send_at: str | None = None, status: str | None = None,
                               group: str | None = None, track_opens: Any | None = None,
                               track_clicks: Any | None = None, files: list[tuple[str, bytes]] | None = None,
                               **extra: Any) -> Any:
        """Create an email broadcast campaign.

        LuxSci `addMarketingCampaign`, POST
        /perl/api/v2/account/{account}/marketing/campaigns

        Args:
            account: (path) the account (default: the client's account)
            name: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            template_id: (body) a stored template instead of inline html/text ("" or 0: none); an id; "" or 0 means
                none
            lists: (body) target list ids: a JSON list or "1,2"
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            send_at: (body) DATETIME (GMT) or "now" schedules; "" unschedules
            status: (body) only "cancelled" may be set by a client
            group: (body) v2 campaign group (a name; "" for none)
            track_opens: (body) any JSON value
            track_clicks: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "name": name, "subject": subject, "html": html, "text": text,
            "template_id": template_id, "lists": lists, "from_name": from_name, "from_address":
            from_address, "reply_to": reply_to, "send_at": send_at, "status": status, "group": group,
            "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return self.call("addMarketingCampaign", files=files, **sent, **extra)

    def update_marketing_campaign(self, *, campaign_id: int | str, account: str | None = None, name: str | None = None,
                                  subject: str | None = None, html: str | None = None, text: str | None = None,
                                  template_id: int | str | None = None, lists: list[Any] | str | None = None,
                                  from_name: str | None = None, from_address: str | None = None,
                                  reply_to: str | None = None, send_at: str | None = None, status: str | None = None,
                                  group: str | None = None, track_opens: Any | None = None,
                                  track_clicks: Any | None = None, files: list[tuple[str, bytes]] | None = None,
                                  **extra: Any) -> Any:
        """Change a campaign.

        LuxSci `updateMarketingCampaign`, PUT
        /perl/api/v2/account/{account}/marketing/campaigns/{campaign_id}

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (path) an id (a whole number)
            name: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            template_id: (body) a stored template instead of inline html/text ("" or 0: none); an id; "" or 0 means
                none
            lists: (body) target list ids: a JSON list or "1,2"
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            send_at: (body) DATETIME (GMT) or "now" schedules; "" unschedules
            status: (body) only "cancelled" may be set by a client
            group: (body) v2 campaign group (a name; "" for none)
            track_opens: (body) any JSON value
            track_clicks: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "name": name, "subject": subject, "html":
            html, "text": text, "template_id": template_id, "lists": lists, "from_name": from_name,
            "from_address": from_address, "reply_to": reply_to, "send_at": send_at, "status": status,
            "group": group, "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return self.call("updateMarketingCampaign", files=files, **sent, **extra)

    def delete_marketing_campaign(self, *, campaign_id: int | str, account: str | None = None,
                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a campaign.

        LuxSci `deleteMarketingCampaign`, DELETE
        /perl/api/v2/account/{account}/marketing/campaigns/{campaign_id}

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id,
        })
        return self.call("deleteMarketingCampaign", files=files, **sent, **extra)

    def schedule_marketing_campaign(self, *, campaign_id: int | str, account: str | None = None,
                                    send_at: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                    **extra: Any) -> Any:
        """Schedule a campaign for sending.

        LuxSci `scheduleMarketingCampaign`, POST
        /perl/api/v2/account/{account}/marketing/campaigns/{campaign_id}/schedule

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (path) an id (a whole number)
            send_at: (body) DATETIME (GMT); omitted or past: now
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "send_at": send_at,
        })
        return self.call("scheduleMarketingCampaign", files=files, **sent, **extra)

    def get_marketing_campaign_groups(self, *, account: str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List the campaign groups.

        LuxSci `getMarketingCampaignGroups`, GET
        /perl/api/v2/account/{account}/marketing/campaign_groups

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return self.call("getMarketingCampaignGroups", files=files, **sent, **extra)

    def get_marketing_scheduled_campaigns(self, *, account: str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List scheduled campaigns (literal /scheduled; no GET by campaign ID in v2).

        LuxSci `getMarketingScheduledCampaigns`, GET
        /perl/api/v2/account/{account}/marketing/campaigns/scheduled

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return self.call("getMarketingScheduledCampaigns", files=files, **sent, **extra)

    def add_new_marketing_suppression(self, *, account: str | None = None, email: str | None = None,
                                      emails: list[Any] | str | None = None, reason: str | None = None,
                                      note: str | None = None, expires: str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add a marketing-only suppression.

        LuxSci `addNewMarketingSuppression`, POST
        /perl/api/v2/account/{account}/marketing/suppressions

        Args:
            account: (path) the account (default: the client's account)
            email: (body) text
            emails: (body) any JSON value
            reason: (body) manual (default), bounce, complaint, unsubscribe
            note: (body) text
            expires: (body) DATETIME (GMT); absent = never
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "emails": emails, "reason": reason, "note": note,
            "expires": expires,
        })
        return self.call("addNewMarketingSuppression", files=files, **sent, **extra)

    def get_marketing_suppressions(self, *, account: str | None = None, email: str | None = None,
                                   first_row: int | str | None = None, matches: int | str | None = None,
                                   files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List marketing-only suppressions.

        LuxSci `getMarketingSuppressions`, GET
        /perl/api/v2/account/{account}/marketing/suppressions

        Args:
            account: (path) the account (default: the client's account)
            email: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "first_row": first_row, "matches": matches,
        })
        return self.call("getMarketingSuppressions", files=files, **sent, **extra)

    def delete_marketing_suppression(self, *, email: str, account: str | None = None,
                                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove a marketing-only suppression.

        LuxSci `deleteMarketingSuppression`, DELETE
        /perl/api/v2/account/{account}/marketing/suppressions/{email}

        Args:
            account: (path) the account (default: the client's account)
            email: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email,
        })
        return self.call("deleteMarketingSuppression", files=files, **sent, **extra)

    def get_marketing_campaign_statistics_summary(self, *, account: str | None = None,
                                                  campaign_id: list[Any] | None = None,
                                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Summary statistics of campaign(s) given in the query.

        LuxSci `getMarketingCampaignStatisticsSummary`, GET
        /perl/api/v2/account/{account}/marketing/reports/summary

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (query) a list
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id,
        })
        return self.call("getMarketingCampaignStatisticsSummary", files=files, **sent, **extra)

    def get_marketing_campaign_bounced_statistics(self, *, account: str | None = None,
                                                  campaign_id: list[Any] | None = None, after_date: str | None = None,
                                                  before_date: str | None = None, from_date: str | None = None,
                                                  through_date: str | None = None, first_row: int | str | None = None,
                                                  matches: int | str | None = None,
                                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Bounce statistics of campaign(s) given in the query.

        LuxSci `getMarketingCampaignBouncedStatistics`, GET
        /perl/api/v2/account/{account}/marketing/reports/bounces

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getMarketingCampaignBouncedStatistics", files=files, **sent, **extra)

    def get_marketing_campaign_opened_statistics(self, *, account: str | None = None,
                                                 campaign_id: list[Any] | None = None, after_date: str | None = None,
                                                 before_date: str | None = None, from_date: str | None = None,
                                                 through_date: str | None = None, first_row: int | str | None = None,
                                                 matches: int | str | None = None,
                                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Open statistics of campaign(s) given in the query.

        LuxSci `getMarketingCampaignOpenedStatistics`, GET
        /perl/api/v2/account/{account}/marketing/reports/opened

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getMarketingCampaignOpenedStatistics", files=files, **sent, **extra)

    def get_marketing_campaign_clicked_statistics(self, *, account: str | None = None,
                                                  campaign_id: list[Any] | None = None, after_date: str | None = None,
                                                  before_date: str | None = None, from_date: str | None = None,
                                                  through_date: str | None = None, first_row: int | str | None = None,
                                                  matches: int | str | None = None,
                                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Click statistics of campaign(s) given in the query.

        LuxSci `getMarketingCampaignClickedStatistics`, GET
        /perl/api/v2/account/{account}/marketing/reports/clicked

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getMarketingCampaignClickedStatistics", files=files, **sent, **extra)

    def get_marketing_campaign_unsubscribed_statistics(self, *, account: str | None = None,
                                                       campaign_id: list[Any] | None = None,
                                                       after_date: str | None = None, before_date: str | None = None,
                                                       from_date: str | None = None, through_date: str | None = None,
                                                       first_row: int | str | None = None,
                                                       matches: int | str | None = None,
                                                       files: list[tuple[str, bytes]] | None = None,
                                                       **extra: Any) -> Any:
        """Unsubscribe statistics of campaign(s) given in the query.

        LuxSci `getMarketingCampaignUnsubscribedStatistics`, GET
        /perl/api/v2/account/{account}/marketing/reports/unsubscribed

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return self.call("getMarketingCampaignUnsubscribedStatistics", files=files, **sent, **extra)

    def get_secure_form_list(self, *, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                             **extra: Any) -> Any:
        """List all Secure Form configurations of the account.

        LuxSci `getSecureFormList`, GET
        /perl/api/v2/account/{account}/secureforms

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return self.call("getSecureFormList", files=files, **sent, **extra)

    def get_secure_form(self, *, form_id: int | str, account: str | None = None,
                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one Secure Form configuration.

        LuxSci `getSecureForm`, GET
        /perl/api/v2/account/{account}/secureforms/{form_id}

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id,
        })
        return self.call("getSecureForm", files=files, **sent, **extra)

    def get_secure_form_database_posts(self, *, form_id: int | str, account: str | None = None,
                                       after_date: str | None = None, before_date: str | None = None,
                                       from_date: str | None = None, through_date: str | None = None,
                                       after_row: int | str | None = None, first_row: int | str | None = None,
                                       matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                       **extra: Any) -> Any:
        """Post metadata in a form's database, for finding new rows to sync.

        LuxSci `getSecureFormDatabasePosts`, GET
        /perl/api/v2/account/{account}/secureforms/{form_id}/posts

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            after_row: (query) only rows with a larger row_id: what a sync has not seen yet; an id; blank means not
                given
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "after_row": after_row,
            "first_row": first_row, "matches": matches,
        })
        return self.call("getSecureFormDatabasePosts", files=files, **sent, **extra)

    def get_secure_form_database_rows(self, *, form_id: int | str, account: str | None = None,
                                      after_date: str | None = None, before_date: str | None = None,
                                      from_date: str | None = None, through_date: str | None = None,
                                      after_row: int | str | None = None, first_row: int | str | None = None,
                                      matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                      **extra: Any) -> Any:
        """Full content of the form's database rows matching a query.

        LuxSci `getSecureFormDatabaseRows`, GET
        /perl/api/v2/account/{account}/secureforms/{form_id}/rows

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            after_row: (query) only rows with a larger row_id: what a sync has not seen yet; an id; blank means not
                given
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "after_row": after_row,
            "first_row": first_row, "matches": matches,
        })
        return self.call("getSecureFormDatabaseRows", files=files, **sent, **extra)

    def get_secure_form_database_row(self, *, form_id: int | str, row_id: int | str, account: str | None = None,
                                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one database row by its index.

        LuxSci `getSecureFormDatabaseRow`, GET
        /perl/api/v2/account/{account}/secureforms/{form_id}/rows/{row_id}

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            row_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "row_id": row_id,
        })
        return self.call("getSecureFormDatabaseRow", files=files, **sent, **extra)

    def delete_secure_form_database_row(self, *, form_id: int | str, row_id: int | str, account: str | None = None,
                                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete one database row by its index.

        LuxSci `deleteSecureFormDatabaseRow`, DELETE
        /perl/api/v2/account/{account}/secureforms/{form_id}/rows/{row_id}

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            row_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "row_id": row_id,
        })
        return self.call("deleteSecureFormDatabaseRow", files=files, **sent, **extra)

    def get_secure_form_database_file(self, *, form_id: int | str, row_id: int | str, file_id: int | str,
                                      account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                      **extra: Any) -> Any:
        """Download a file attached to a database row.

        LuxSci `getSecureFormDatabaseFile`, GET
        /perl/api/v2/account/{account}/secureforms/{form_id}/rows/{row_id}/file/{file_id}

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            row_id: (path) an id (a whole number)
            file_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "row_id": row_id, "file_id": file_id,
        })
        return self.call("getSecureFormDatabaseFile", files=files, **sent, **extra)

    def delete_secure_form_database_file(self, *, form_id: int | str, row_id: int | str, file_id: int | str,
                                         account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                         **extra: Any) -> Any:
        """Remove a file attached to a database row.

        LuxSci `deleteSecureFormDatabaseFile`, DELETE
        /perl/api/v2/account/{account}/secureforms/{form_id}/rows/{row_id}/file/{file_id}

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            row_id: (path) an id (a whole number)
            file_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "row_id": row_id, "file_id": file_id,
        })
        return self.call("deleteSecureFormDatabaseFile", files=files, **sent, **extra)

    def get_servers(self, *, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                    **extra: Any) -> Any:
        """List the dedicated servers of the account.

        LuxSci `getServers`, GET
        /perl/api/v2/account/{account}/servers

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return self.call("getServers", files=files, **sent, **extra)

    def get_server_status(self, *, server_id: str, account: str | None = None,
                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Current status of one dedicated server.

        LuxSci `getServerStatus`, GET
        /perl/api/v2/account/{account}/servers/{server_id}/status

        Args:
            account: (path) the account (default: the client's account)
            server_id: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "server_id": server_id,
        })
        return self.call("getServerStatus", files=files, **sent, **extra)

    def server_empty_all_email_queues(self, *, server_id: str, account: str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Purge every message from all email queues (/all: unlike the plain purge).

        LuxSci `serverEmptyAllEmailQueues`, DELETE
        /perl/api/v2/account/{account}/servers/{server_id}/queues/all

        Args:
            account: (path) the account (default: the client's account)
            server_id: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "server_id": server_id,
        })
        return self.call("serverEmptyAllEmailQueues", files=files, **sent, **extra)

    def server_empty_email_queues(self, *, server_id: str, account: str | None = None,
                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Purge unprocessed messages from all email queues.

        LuxSci `serverEmptyEmailQueues`, DELETE
        /perl/api/v2/account/{account}/servers/{server_id}/queues

        Args:
            account: (path) the account (default: the client's account)
            server_id: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "server_id": server_id,
        })
        return self.call("serverEmptyEmailQueues", files=files, **sent, **extra)

    def set_server_sendng_rate(self, *, server_id: str, account: str | None = None, rate: int | str | None = None,
                               files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Set the email processing/sending rate limits of a server.

        LuxSci `setServerSendngRate`, PUT
        /perl/api/v2/account/{account}/servers/{server_id}/rate

        Args:
            account: (path) the account (default: the client's account)
            server_id: (path) path segment
            rate: (body) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "server_id": server_id, "rate": rate,
        })
        return self.call("setServerSendngRate", files=files, **sent, **extra)

    def get_email_smtp_sent_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                           before_date: str | None = None, from_date: str | None = None,
                                           through_date: str | None = None, first_row: int | str | None = None,
                                           matches: int | str | None = None, sender: str | None = None,
                                           user: str | None = None, message_id: str | None = None,
                                           queue_id: str | None = None, channel: str | None = None,
                                           status: str | None = None, destination: str | None = None,
                                           destination_hostname: str | None = None,
                                           destination_port: int | str | None = None,
                                           destination_path: str | None = None,
                                           destination_username: str | None = None,
                                           destination_password: str | None = None,
                                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Messages sent via SMTP or API by the account.

        LuxSci `getEmailSMTPSentReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/sent

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            status: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "user": user, "message_id": message_id, "queue_id": queue_id, "channel":
            channel, "status": status, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return self.call("getEmailSMTPSentReportAccount", files=files, **sent, **extra)

    def get_email_smtp_delivery_status_report_account(self, *, account: str | None = None,
                                                      after_date: str | None = None, before_date: str | None = None,
                                                      from_date: str | None = None, through_date: str | None = None,
                                                      first_row: int | str | None = None,
                                                      matches: int | str | None = None, sender: str | None = None,
                                                      recipient: str | None = None, status: str | None = None,
                                                      user: str | None = None, message_id: str | None = None,
                                                      queue_id: str | None = None, channel: str | None = None,
                                                      destination: str | None = None,
                                                      destination_hostname: str | None = None,
                                                      destination_port: int | str | None = None,
                                                      destination_path: str | None = None,
                                                      destination_username: str | None = None,
                                                      destination_password: str | None = None,
                                                      files: list[tuple[str, bytes]] | None = None,
                                                      **extra: Any) -> Any:
        """Per-recipient delivery status of SMTP messages sent by the account.

        LuxSci `getEmailSMTPDeliveryStatusReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/delivery

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            status: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "status": status, "user": user, "message_id":
            message_id, "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return self.call("getEmailSMTPDeliveryStatusReportAccount", files=files, **sent, **extra)

    def get_email_smtp_delivery_status_summary_report_account(self, *, account: str | None = None,
                                                              after_date: str | None = None,
                                                              before_date: str | None = None,
                                                              from_date: str | None = None,
                                                              through_date: str | None = None,
                                                              first_row: int | str | None = None,
                                                              matches: int | str | None = None,
                                                              destination: str | None = None,
                                                              destination_hostname: str | None = None,
                                                              destination_port: int | str | None = None,
                                                              destination_path: str | None = None,
                                                              destination_username: str | None = None,
                                                              destination_password: str | None = None,
                                                              files: list[tuple[str, bytes]] | None = None,
                                                              **extra: Any) -> Any:
        """Delivery/open/click/encryption/suppression totals, SMTP, the account.

        LuxSci `getEmailSMTPDeliveryStatusSummaryReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/delivery/summary

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailSMTPDeliveryStatusSummaryReportAccount", files=files, **sent, **extra)

    def get_email_smtp_click_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                            before_date: str | None = None, from_date: str | None = None,
                                            through_date: str | None = None, first_row: int | str | None = None,
                                            matches: int | str | None = None, sender: str | None = None,
                                            recipient: str | None = None, user: str | None = None,
                                            classification: str | None = None, url: str | None = None,
                                            destination: str | None = None, destination_hostname: str | None = None,
                                            destination_port: int | str | None = None,
                                            destination_path: str | None = None,
                                            destination_username: str | None = None,
                                            destination_password: str | None = None,
                                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked URL clicks (or none) on SMTP messages of the account.

        LuxSci `getEmailSMTPClickReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/clicks

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            url: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "url": url, "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailSMTPClickReportAccount", files=files, **sent, **extra)

    def get_email_smtp_click_summary_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                                    before_date: str | None = None, from_date: str | None = None,
                                                    through_date: str | None = None,
                                                    first_row: int | str | None = None,
                                                    matches: int | str | None = None, destination: str | None = None,
                                                    destination_hostname: str | None = None,
                                                    destination_port: int | str | None = None,
                                                    destination_path: str | None = None,
                                                    destination_username: str | None = None,
                                                    destination_password: str | None = None,
                                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Count of URL clicks on SMTP messages in a period, the account.

        LuxSci `getEmailSMTPClickSummaryReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/clicks/summary

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailSMTPClickSummaryReportAccount", files=files, **sent, **extra)

    def get_email_smtp_open_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                           before_date: str | None = None, from_date: str | None = None,
                                           through_date: str | None = None, first_row: int | str | None = None,
                                           matches: int | str | None = None, sender: str | None = None,
                                           recipient: str | None = None, user: str | None = None,
                                           classification: str | None = None, destination: str | None = None,
                                           destination_hostname: str | None = None,
                                           destination_port: int | str | None = None,
                                           destination_path: str | None = None,
                                           destination_username: str | None = None,
                                           destination_password: str | None = None,
                                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked opens (or none) of SMTP messages of the account.

        LuxSci `getEmailSMTPOpenReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/opens

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailSMTPOpenReportAccount", files=files, **sent, **extra)

    def get_email_smtp_open_summary_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                                   before_date: str | None = None, from_date: str | None = None,
                                                   through_date: str | None = None, first_row: int | str | None = None,
                                                   matches: int | str | None = None, destination: str | None = None,
                                                   destination_hostname: str | None = None,
                                                   destination_port: int | str | None = None,
                                                   destination_path: str | None = None,
                                                   destination_username: str | None = None,
                                                   destination_password: str | None = None,
                                                   files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Count of opens of SMTP messages in a period, the account.

        LuxSci `getEmailSMTPOpenSummaryReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/opens/summary

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailSMTPOpenSummaryReportAccount", files=files, **sent, **extra)

    def get_email_web_mail_sent_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                               before_date: str | None = None, from_date: str | None = None,
                                               through_date: str | None = None, first_row: int | str | None = None,
                                               matches: int | str | None = None, sender: str | None = None,
                                               user: str | None = None, message_id: str | None = None,
                                               queue_id: str | None = None, channel: str | None = None,
                                               status: str | None = None, destination: str | None = None,
                                               destination_hostname: str | None = None,
                                               destination_port: int | str | None = None,
                                               destination_path: str | None = None,
                                               destination_username: str | None = None,
                                               destination_password: str | None = None,
                                               files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Messages sent via WebMail by the account.

        LuxSci `getEmailWebMailSentReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/webmail/sent

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            status: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "user": user, "message_id": message_id, "queue_id": queue_id, "channel":
            channel, "status": status, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return self.call("getEmailWebMailSentReportAccount", files=files, **sent, **extra)

    def get_email_web_mail_delivery_status_report_account(self, *, account: str | None = None,
                                                          after_date: str | None = None,
                                                          before_date: str | None = None, from_date: str | None = None,
                                                          through_date: str | None = None,
                                                          first_row: int | str | None = None,
                                                          matches: int | str | None = None, sender: str | None = None,
                                                          recipient: str | None = None, status: str | None = None,
                                                          user: str | None = None, message_id: str | None = None,
                                                          queue_id: str | None = None, channel: str | None = None,
                                                          destination: str | None = None,
                                                          destination_hostname: str | None = None,
                                                          destination_port: int | str | None = None,
                                                          destination_path: str | None = None,
                                                          destination_username: str | None = None,
                                                          destination_password: str | None = None,
                                                          files: list[tuple[str, bytes]] | None = None,
                                                          **extra: Any) -> Any:
        """Per-recipient delivery status of WebMail messages of the account.

        LuxSci `getEmailWebMailDeliveryStatusReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/webmail/delivery

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            status: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "status": status, "user": user, "message_id":
            message_id, "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return self.call("getEmailWebMailDeliveryStatusReportAccount", files=files, **sent, **extra)

    def get_email_web_mail_click_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                                before_date: str | None = None, from_date: str | None = None,
                                                through_date: str | None = None, first_row: int | str | None = None,
                                                matches: int | str | None = None, sender: str | None = None,
                                                recipient: str | None = None, user: str | None = None,
                                                classification: str | None = None, url: str | None = None,
                                                destination: str | None = None,
                                                destination_hostname: str | None = None,
                                                destination_port: int | str | None = None,
                                                destination_path: str | None = None,
                                                destination_username: str | None = None,
                                                destination_password: str | None = None,
                                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked URL clicks (or none) on WebMail messages of the account.

        LuxSci `getEmailWebMailClickReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/webmail/clicks

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            url: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "url": url, "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailWebMailClickReportAccount", files=files, **sent, **extra)

    def get_email_web_mail_open_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                               before_date: str | None = None, from_date: str | None = None,
                                               through_date: str | None = None, first_row: int | str | None = None,
                                               matches: int | str | None = None, sender: str | None = None,
                                               recipient: str | None = None, user: str | None = None,
                                               classification: str | None = None, destination: str | None = None,
                                               destination_hostname: str | None = None,
                                               destination_port: int | str | None = None,
                                               destination_path: str | None = None,
                                               destination_username: str | None = None,
                                               destination_password: str | None = None,
                                               files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked opens (or none) of WebMail messages of the account.

        LuxSci `getEmailWebMailOpenReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/webmail/opens

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailWebMailOpenReportAccount", files=files, **sent, **extra)

    def get_email_feed_back_loops_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                                 before_date: str | None = None, from_date: str | None = None,
                                                 through_date: str | None = None, first_row: int | str | None = None,
                                                 matches: int | str | None = None, sender: str | None = None,
                                                 recipient: str | None = None, user: str | None = None,
                                                 provider: str | None = None, status: str | None = None,
                                                 kind: str | None = None, destination: str | None = None,
                                                 destination_hostname: str | None = None,
                                                 destination_port: int | str | None = None,
                                                 destination_path: str | None = None,
                                                 destination_username: str | None = None,
                                                 destination_password: str | None = None,
                                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Messages of the account reported as spam via feedback loops.

        LuxSci `getEmailFeedBackLoopsReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/fbl

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            provider: (query) filter
            status: (query) filter
            kind: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "provider": provider, "status":
            status, "kind": kind, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return self.call("getEmailFeedBackLoopsReportAccount", files=files, **sent, **extra)

    def get_email_feed_back_loops_summary_report_account(self, *, account: str | None = None,
                                                         after_date: str | None = None, before_date: str | None = None,
                                                         from_date: str | None = None, through_date: str | None = None,
                                                         first_row: int | str | None = None,
                                                         matches: int | str | None = None,
                                                         destination: str | None = None,
                                                         destination_hostname: str | None = None,
                                                         destination_port: int | str | None = None,
                                                         destination_path: str | None = None,
                                                         destination_username: str | None = None,
                                                         destination_password: str | None = None,
                                                         files: list[tuple[str, bytes]] | None = None,
                                                         **extra: Any) -> Any:
        """Count of feedback-loop spam complaints in a period, the account.

        LuxSci `getEmailFeedBackLoopsSummaryReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/fbl/summary

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getEmailFeedBackLoopsSummaryReportAccount", files=files, **sent, **extra)

    def get_account_suppression_report(self, *, account: str | None = None, after_date: str | None = None,
                                       before_date: str | None = None, from_date: str | None = None,
                                       through_date: str | None = None, first_row: int | str | None = None,
                                       matches: int | str | None = None, reason: str | None = None,
                                       email: str | None = None, destination: str | None = None,
                                       destination_hostname: str | None = None,
                                       destination_port: int | str | None = None, destination_path: str | None = None,
                                       destination_username: str | None = None,
                                       destination_password: str | None = None,
                                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Report of account-level email suppressions.

        LuxSci `getAccountSuppressionReport`, GET
        /perl/api/v2/account/{account}/report/suppressions

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            reason: (query) filter
            email: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "reason": reason, "email": email, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return self.call("getAccountSuppressionReport", files=files, **sent, **extra)

    def get_account_suppression_summary_report(self, *, account: str | None = None, after_date: str | None = None,
                                               before_date: str | None = None, from_date: str | None = None,
                                               through_date: str | None = None, first_row: int | str | None = None,
                                               matches: int | str | None = None, destination: str | None = None,
                                               destination_hostname: str | None = None,
                                               destination_port: int | str | None = None,
                                               destination_path: str | None = None,
                                               destination_username: str | None = None,
                                               destination_password: str | None = None,
                                               files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Number of account-level suppressions created in a period.

        LuxSci `getAccountSuppressionSummaryReport`, GET
        /perl/api/v2/account/{account}/report/suppressions/summary

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return self.call("getAccountSuppressionSummaryReport", files=files, **sent, **extra)

    def get_email_smtp_temp_fail_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                                before_date: str | None = None, from_date: str | None = None,
                                                through_date: str | None = None, first_row: int | str | None = None,
                                                matches: int | str | None = None, sender: str | None = None,
                                                recipient: str | None = None, user: str | None = None,
                                                message_id: str | None = None, queue_id: str | None = None,
                                                channel: str | None = None, destination: str | None = None,
                                                destination_hostname: str | None = None,
                                                destination_port: int | str | None = None,
                                                destination_path: str | None = None,
                                                destination_username: str | None = None,
                                                destination_password: str | None = None,
                                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Temporary delivery failures met by SMTP messages of the account.

        LuxSci `getEmailSMTPTempFailReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/tempfail

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "message_id": message_id,
            "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return self.call("getEmailSMTPTempFailReportAccount", files=files, **sent, **extra)

    def get_smtp_login_failure_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                              before_date: str | None = None, from_date: str | None = None,
                                              through_date: str | None = None, first_row: int | str | None = None,
                                              matches: int | str | None = None, type: str | None = None,
                                              login: str | None = None, destination: str | None = None,
                                              destination_hostname: str | None = None,
                                              destination_port: int | str | None = None,
                                              destination_path: str | None = None,
                                              destination_username: str | None = None,
                                              destination_password: str | None = None,
                                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """SMTP login failures and send rejections across the account.

        LuxSci `getSMTPLoginFailureReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/loginfail

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            type: (query) filter
            login: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches, "type":
            type, "login": login, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return self.call("getSMTPLoginFailureReportAccount", files=files, **sent, **extra)

    def get_account_jobs(self, *, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                         **extra: Any) -> Any:
        """The account's asynchronous report jobs from the last 7 days.

        LuxSci `getAccountJobs`, GET
        /perl/api/v2/account/{account}/report/jobs

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return self.call("getAccountJobs", files=files, **sent, **extra)

    def get_account_job(self, *, job_id: int | str, account: str | None = None,
                        download: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                        **extra: Any) -> Any:
        """Status and details of one asynchronous report job of the account.

        LuxSci `getAccountJob`, GET
        /perl/api/v2/account/{account}/report/jobs/{job_id}

        Args:
            account: (path) the account (default: the client's account)
            job_id: (path) an id (a whole number)
            download: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "job_id": job_id, "download": download,
        })
        return self.call("getAccountJob", files=files, **sent, **extra)


class AsyncEndpoints:
    """Endpoint methods of the async client (mixed into it)."""

    if TYPE_CHECKING:
        async def call(self, name: str, /, *, files: list[tuple[str, bytes]] | None = None, **params: Any) -> Any: ...

    async def get_user(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                       **extra: Any) -> Any:
        """Read the user's contact details and general metadata.

        LuxSci `getUser`, GET
        /perl/api/v2/user/{username}/profile

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("getUser", files=files, **sent, **extra)

    async def get_user_single_sign_on_login_url(self, *, username: str | None = None, ip: str | None = None,
                                                target: str | None = None,
                                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Make a one-click URL that logs the user into the web interface.

        LuxSci `getUserSingleSignOnLoginURL`, GET
        /perl/api/v2/user/{username}/sso

        Args:
            username: (path) the user's login (default: the signed-in user)
            ip: (query) text
            target: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "ip": ip, "target": target,
        })
        return await self.call("getUserSingleSignOnLoginURL", files=files, **sent, **extra)

    async def update_user(self, *, username: str | None = None, contact: str | None = None, company: str | None = None,
                          email1: str | None = None, email2: str | None = None, phone1: str | None = None,
                          phone2: str | None = None, fax: str | None = None, sms: str | None = None,
                          street1: str | None = None, street2: str | None = None, city: str | None = None,
                          state: str | None = None, zip: str | None = None, country: str | None = None,
                          custom1: str | None = None, custom2: str | None = None, custom3: str | None = None,
                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change the user's contact details (partial update).

        LuxSci `updateUser`, PUT
        /perl/api/v2/user/{username}/profile

        Args:
            username: (path) the user's login (default: the signed-in user)
            contact: (body) text; at most 200 characters
            company: (body) text; at most 200 characters
            email1: (body) text; at most 320 characters
            email2: (body) text; at most 320 characters
            phone1: (body) text; at most 50 characters
            phone2: (body) text; at most 50 characters
            fax: (body) text; at most 50 characters
            sms: (body) text; at most 50 characters
            street1: (body) text; at most 200 characters
            street2: (body) text; at most 200 characters
            city: (body) text; at most 100 characters
            state: (body) text; at most 100 characters
            zip: (body) text; at most 20 characters
            country: (body) text; at most 100 characters
            custom1: (body) text; at most 500 characters
            custom2: (body) text; at most 500 characters
            custom3: (body) text; at most 500 characters
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "contact": contact, "company": company, "email1": email1, "email2":
            email2, "phone1": phone1, "phone2": phone2, "fax": fax, "sms": sms, "street1": street1,
            "street2": street2, "city": city, "state": state, "zip": zip, "country": country, "custom1":
            custom1, "custom2": custom2, "custom3": custom3,
        })
        return await self.call("updateUser", files=files, **sent, **extra)

    async def get_user_branding_information(self, *, username: str | None = None,
                                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Private-label branding data matching what the user sees in WebMail.

        LuxSci `getUserBrandingInformation`, GET
        /perl/api/v2/user/{username}/branding

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("getUserBrandingInformation", files=files, **sent, **extra)

    async def get_user_settings(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                **extra: Any) -> Any:
        """Read selected preferences and settings of the user.

        LuxSci `getUserSettings`, GET
        /perl/api/v2/user/{username}/settings

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("getUserSettings", files=files, **sent, **extra)

    async def get_time_zones_list(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                  **extra: Any) -> Any:
        """List every time zone the system accepts.

        LuxSci `getTimeZonesList`, GET
        /perl/api/v2/user/{username}/timezones

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("getTimeZonesList", files=files, **sent, **extra)

    async def change_user_password(self, *, username: str | None = None, password: str | None = None,
                                   old_password: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                   **extra: Any) -> Any:
        """Set a new login password for the user.

        LuxSci `changeUserPassword`, PUT
        /perl/api/v2/user/{username}/password

        Args:
            username: (path) the user's login (default: the signed-in user)
            password: (body) text
            old_password: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "password": password, "old_password": old_password,
        })
        return await self.call("changeUserPassword", files=files, **sent, **extra)

    async def create_app_specific_password(self, *, username: str | None = None, label: str | None = None,
                                           services: list[Any] | None = None, expires: str | None = None,
                                           web_site_management: bool | int | str | None = None,
                                           password: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                           **extra: Any) -> Any:
        """Create an app-specific login/password for the user.

        LuxSci `createAppSpecificPassword`, POST
        /perl/api/v2/user/{username}/app_passwords

        Args:
            username: (path) the user's login (default: the signed-in user)
            label: (body) text; at most 200 characters
            services: (body) a list
            expires: (body) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            web_site_management: (body) a flag: 1/0, true/false, yes/no, on/off
            password: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "label": label, "services": services, "expires": expires,
            "web_site_management": web_site_management, "password": password,
        })
        return await self.call("createAppSpecificPassword", files=files, **sent, **extra)

    async def delete_app_specific_password(self, *, app_password_id: int | str, username: str | None = None,
                                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove one app-specific login/password of the user.

        LuxSci `deleteAppSpecificPassword`, DELETE
        /perl/api/v2/user/{username}/app_passwords/{app_password_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            app_password_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "app_password_id": app_password_id,
        })
        return await self.call("deleteAppSpecificPassword", files=files, **sent, **extra)

    async def list_app_specific_passwords(self, *, username: str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List the user's app-specific logins/passwords.

        LuxSci `listAppSpecificPasswords`, GET
        /perl/api/v2/user/{username}/app_passwords

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("listAppSpecificPasswords", files=files, **sent, **extra)

    async def list_all_app_specific_password(self, *, username: str | None = None,
                                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List all app-specific logins (/all keeps it apart from listAppSpecificPasswords).

        LuxSci `listAllAppSpecificPassword`, GET
        /perl/api/v2/user/{username}/app_passwords/all

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("listAllAppSpecificPassword", files=files, **sent, **extra)

    async def new_email_auto_responder(self, *, username: str | None = None, subject: str | None = None,
                                       body: str | None = None, body_html: str | None = None,
                                       from_name: str | None = None, start_date: str | None = None,
                                       end_date: str | None = None, interval: int | str | None = None,
                                       enabled: bool | int | str | None = None,
                                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create an email auto-responder for the user.

        LuxSci `newEmailAutoResponder`, POST
        /perl/api/v2/user/{username}/email/autoresponders

        Args:
            username: (path) the user's login (default: the signed-in user)
            subject: (body) text
            body: (body) plain text
            body_html: (body) text
            from_name: (body) text
            start_date: (body) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            end_date: (body) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            interval: (body) days between replies to one sender (default 1); a whole number, 0 or more
            enabled: (body) default 1; a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "subject": subject, "body": body, "body_html": body_html, "from_name":
            from_name, "start_date": start_date, "end_date": end_date, "interval": interval, "enabled":
            enabled,
        })
        return await self.call("newEmailAutoResponder", files=files, **sent, **extra)

    async def get_email_auto_responders(self, *, username: str | None = None,
                                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List all email auto-responders the user owns.

        LuxSci `getEmailAutoResponders`, GET
        /perl/api/v2/user/{username}/email/autoresponders

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("getEmailAutoResponders", files=files, **sent, **extra)

    async def delete_email_auto_responder(self, *, autoresponder_id: int | str, username: str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete one of the user's email auto-responders.

        LuxSci `deleteEmailAutoResponder`, DELETE
        /perl/api/v2/user/{username}/email/autoresponders/{autoresponder_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            autoresponder_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "autoresponder_id": autoresponder_id,
        })
        return await self.call("deleteEmailAutoResponder", files=files, **sent, **extra)

    async def update_email_forwarding(self, *, username: str | None = None, action: str | None = None,
                                      destinations: Any | None = None, bounce_message: str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change the user's forwarding, deny or delete rules for incoming mail.

        LuxSci `updateEmailForwarding`, PUT
        /perl/api/v2/user/{username}/email/forwarding

        Args:
            username: (path) the user's login (default: the signed-in user)
            action: (body) text
            destinations: (body) list of addresses, or one comma/space separated string
            bounce_message: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "action": action, "destinations": destinations, "bounce_message":
            bounce_message,
        })
        return await self.call("updateEmailForwarding", files=files, **sent, **extra)

    async def get_domain_smtp_tls_capability(self, *, domain: str, username: str | None = None,
                                             refresh: bool | int | str | None = None,
                                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Check MX records and SMTP TLS quality of a domain for SecureLine.

        LuxSci `getDomainSmtpTlsCapability`, GET
        /perl/api/v2/user/{username}/email/tls/{domain}

        Args:
            username: (path) the user's login (default: the signed-in user)
            domain: (path) path segment
            refresh: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "domain": domain, "refresh": refresh,
        })
        return await self.call("getDomainSmtpTlsCapability", files=files, **sent, **extra)

    async def retrieve_secure_line_recipient_list_encryption_data(self, *, username: str | None = None,
                                                                  from_address: str | None = None,
                                                                  from_: str | None = None,
                                                                  from_name: str | None = None,
                                                                  reply_address: str | None = None,
                                                                  reply_to: str | None = None,
                                                                  to: list[Any] | None = None,
                                                                  cc: list[Any] | None = None,
                                                                  bcc: list[Any] | None = None,
                                                                  subject: str | None = None, text: str | None = None,
                                                                  html: str | None = None, body: str | None = None,
                                                                  body_type: str | None = None,
                                                                  headers: dict[str, Any] | None = None,
                                                                  attachments: list[Any] | None = None,
                                                                  tls_policy: str | None = None,
                                                                  no_tls: bool | int | str | None = None,
                                                                  no_tls_only: bool | int | str | None = None,
                                                                  securetext: bool | int | str | None = None,
                                                                  sms_to: list[Any] | None = None,
                                                                  receipt: bool | int | str | None = None,
                                                                  track_opens: bool | int | str | None = None,
                                                                  track_clicks: bool | int | str | None = None,
                                                                  recipient_list: list[Any] | None = None,
                                                                  files: list[tuple[str, bytes]] | None = None,
                                                                  **extra: Any) -> Any:
        """Report the SecureLine method each recipient would get, without sending.

        LuxSci `retrieveSecureLineRecipientListEncryptionData`, POST
        /perl/api/v2/user/{username}/email/compose/secureline/encryption

        Args:
            username: (path) the user's login (default: the signed-in user)
            from_address: (body) text; at most 320 characters
            from_: (body) text; at most 320 characters [sent as `from`]
            from_name: (body) text
            reply_address: (body) text; at most 320 characters
            reply_to: (body) text; at most 320 characters
            to: (body) a list
            cc: (body) a list
            bcc: (body) a list
            subject: (body) text
            text: (body) text
            html: (body) text
            body: (body) text
            body_type: (body) text
            headers: (body) an object
            attachments: (body) a list
            tls_policy: (body) text
            no_tls: (body) a flag: 1/0, true/false, yes/no, on/off
            no_tls_only: (body) a flag: 1/0, true/false, yes/no, on/off
            securetext: (body) a flag: 1/0, true/false, yes/no, on/off
            sms_to: (body) SecureText recipients' mobile numbers (E.164), with securetext: 1
            receipt: (body) a flag: 1/0, true/false, yes/no, on/off
            track_opens: (body) a flag: 1/0, true/false, yes/no, on/off
            track_clicks: (body) a flag: 1/0, true/false, yes/no, on/off
            recipient_list: (body) a list [sent as `recipients`]
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "from_address": from_address, "from": from_, "from_name": from_name,
            "reply_address": reply_address, "reply_to": reply_to, "to": to, "cc": cc, "bcc": bcc,
            "subject": subject, "text": text, "html": html, "body": body, "body_type": body_type,
            "headers": headers, "attachments": attachments, "tls_policy": tls_policy, "no_tls": no_tls,
            "no_tls_only": no_tls_only, "securetext": securetext, "sms_to": sms_to, "receipt": receipt,
            "track_opens": track_opens, "track_clicks": track_clicks, "recipients": recipient_list,
        })
        return await self.call("retrieveSecureLineRecipientListEncryptionData", files=files, **sent, **extra)

    async def send_email(self, *, username: str | None = None, messages: list[Any] | None = None,
                         tls_policy: str | None = None, no_tls: bool | int | str | None = None,
                         track_opens: bool | int | str | None = None, track_clicks: bool | int | str | None = None,
                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Queue one or more messages for delivery via the account SMTP servers.

        LuxSci `sendEmail`, POST
        /perl/api/v2/user/{username}/email/send

        Args:
            username: (path) the user's login (default: the signed-in user)
            messages: (body) a list
            tls_policy: (body) text
            no_tls: (body) a flag: 1/0, true/false, yes/no, on/off
            track_opens: (body) a flag: 1/0, true/false, yes/no, on/off
            track_clicks: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "messages": messages, "tls_policy": tls_policy, "no_tls": no_tls,
            "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return await self.call("sendEmail", files=files, **sent, **extra)

    async def send_secure_email_or_secure_text(self, *, username: str | None = None, from_address: str | None = None,
                                               from_: str | None = None, from_name: str | None = None,
                                               reply_address: str | None = None, reply_to: str | None = None,
                                               to: list[Any] | None = None, cc: list[Any] | None = None,
                                               bcc: list[Any] | None = None, subject: str | None = None,
                                               text: str | None = None, html: str | None = None,
                                               body: str | None = None, body_type: str | None = None,
                                               headers: dict[str, Any] | None = None,
                                               attachments: list[Any] | None = None, tls_policy: str | None = None,
                                               no_tls: bool | int | str | None = None,
                                               no_tls_only: bool | int | str | None = None,
                                               securetext: bool | int | str | None = None,
                                               sms_to: list[Any] | None = None,
                                               receipt: bool | int | str | None = None,
                                               track_opens: bool | int | str | None = None,
                                               track_clicks: bool | int | str | None = None,
                                               files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Deprecated: send one SecureLine email or SecureText from the API server.

        LuxSci `sendSecureEmailOrSecureText`, POST
        /perl/api/v2/user/{username}/email/compose/secureline/send

        Args:
            username: (path) the user's login (default: the signed-in user)
            from_address: (body) text; at most 320 characters
            from_: (body) text; at most 320 characters [sent as `from`]
            from_name: (body) text
            reply_address: (body) text; at most 320 characters
            reply_to: (body) text; at most 320 characters
            to: (body) a list
            cc: (body) a list
            bcc: (body) a list
            subject: (body) text
            text: (body) text
            html: (body) text
            body: (body) text
            body_type: (body) text
            headers: (body) an object
            attachments: (body) a list
            tls_policy: (body) text
            no_tls: (body) a flag: 1/0, true/false, yes/no, on/off
            no_tls_only: (body) a flag: 1/0, true/false, yes/no, on/off
            securetext: (body) a flag: 1/0, true/false, yes/no, on/off
            sms_to: (body) SecureText recipients' mobile numbers (E.164), with securetext: 1
            receipt: (body) a flag: 1/0, true/false, yes/no, on/off
            track_opens: (body) a flag: 1/0, true/false, yes/no, on/off
            track_clicks: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "from_address": from_address, "from": from_, "from_name": from_name,
            "reply_address": reply_address, "reply_to": reply_to, "to": to, "cc": cc, "bcc": bcc,
            "subject": subject, "text": text, "html": html, "body": body, "body_type": body_type,
            "headers": headers, "attachments": attachments, "tls_policy": tls_policy, "no_tls": no_tls,
            "no_tls_only": no_tls_only, "securetext": securetext, "sms_to": sms_to, "receipt": receipt,
            "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return await self.call("sendSecureEmailOrSecureText", files=files, **sent, **extra)

    async def get_email_template(self, *, template_id: int | str, username: str | None = None,
                                 preview: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                 **extra: Any) -> Any:
        """Read one email template.

        LuxSci `getEmailTemplate`, GET
        /perl/api/v2/user/{username}/email/templates/{template_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            template_id: (path) an id (a whole number)
            preview: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "template_id": template_id, "preview": preview,
        })
        return await self.call("getEmailTemplate", files=files, **sent, **extra)

    async def update_email_template(self, *, template_id: int | str, username: str | None = None,
                                    name: str | None = None, description: str | None = None,
                                    subject: str | None = None, html: str | None = None, text: str | None = None,
                                    group_id: int | str | None = None, shared: bool | int | str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change the content of an existing email template.

        LuxSci `updateEmailTemplate`, PUT
        /perl/api/v2/user/{username}/email/templates/{template_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            template_id: (path) an id (a whole number)
            name: (body) one line of text
            description: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            shared: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "template_id": template_id, "name": name, "description": description,
            "subject": subject, "html": html, "text": text, "group_id": group_id, "shared": shared,
        })
        return await self.call("updateEmailTemplate", files=files, **sent, **extra)

    async def delete_email_template(self, *, template_id: int | str, username: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete one email template.

        LuxSci `deleteEmailTemplate`, DELETE
        /perl/api/v2/user/{username}/email/templates/{template_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            template_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "template_id": template_id,
        })
        return await self.call("deleteEmailTemplate", files=files, **sent, **extra)

    async def get_email_template_list(self, *, username: str | None = None, group_id: int | str | None = None,
                                      owned_only: bool | int | str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List the email templates visible to the user.

        LuxSci `getEmailTemplateList`, GET
        /perl/api/v2/user/{username}/email/templates

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (query) an id; blank means not given
            owned_only: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id, "owned_only": owned_only,
        })
        return await self.call("getEmailTemplateList", files=files, **sent, **extra)

    async def create_email_template(self, *, username: str | None = None, name: str | None = None,
                                    description: str | None = None, subject: str | None = None,
                                    html: str | None = None, text: str | None = None,
                                    group_id: int | str | None = None, shared: bool | int | str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a new email template.

        LuxSci `createEmailTemplate`, POST
        /perl/api/v2/user/{username}/email/templates

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) one line of text
            description: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            shared: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "description": description, "subject": subject, "html":
            html, "text": text, "group_id": group_id, "shared": shared,
        })
        return await self.call("createEmailTemplate", files=files, **sent, **extra)

    async def update_email_template_group(self, *, group_id: int | str, username: str | None = None,
                                          name: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                          **extra: Any) -> Any:
        """Rename a template group.

        LuxSci `updateEmailTemplateGroup`, PUT
        /perl/api/v2/user/{username}/email/template_groups/{group_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (path) an id (a whole number)
            name: (body) one line of text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id, "name": name,
        })
        return await self.call("updateEmailTemplateGroup", files=files, **sent, **extra)

    async def delete_email_template_group(self, *, group_id: int | str, username: str | None = None,
                                          move_to: int | str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete one template group.

        LuxSci `deleteEmailTemplateGroup`, DELETE
        /perl/api/v2/user/{username}/email/template_groups/{group_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (path) an id (a whole number)
            move_to: (query) an id; "" or 0 means none
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id, "move_to": move_to,
        })
        return await self.call("deleteEmailTemplateGroup", files=files, **sent, **extra)

    async def get_email_template_groups(self, *, username: str | None = None,
                                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List the template groups visible to the user.

        LuxSci `getEmailTemplateGroups`, GET
        /perl/api/v2/user/{username}/email/template_groups

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("getEmailTemplateGroups", files=files, **sent, **extra)

    async def create_email_template_group(self, *, username: str | None = None, name: str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a new template group.

        LuxSci `createEmailTemplateGroup`, POST
        /perl/api/v2/user/{username}/email/template_groups

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) one line of text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name,
        })
        return await self.call("createEmailTemplateGroup", files=files, **sent, **extra)

    async def create_custom_field(self, *, username: str | None = None, name: str | None = None,
                                  type: str | None = None, description: str | None = None,
                                  choices: list[Any] | str | None = None, default: Any | None = None,
                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Define a custom field for Marketing v3 / Advanced High Volume.

        LuxSci `createCustomField`, POST
        /perl/api/v2/user/{username}/custom_fields

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) one line of text
            type: (body) text
            description: (body) text
            choices: (body) a list, or one comma-separated string
            default: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "type": type, "description": description, "choices":
            choices, "default": default,
        })
        return await self.call("createCustomField", files=files, **sent, **extra)

    async def get_custom_fields(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                **extra: Any) -> Any:
        """List all available custom fields and their properties.

        LuxSci `getCustomFields`, GET
        /perl/api/v2/user/{username}/custom_fields

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("getCustomFields", files=files, **sent, **extra)

    async def get_email_content_tag(self, *, tag_id: int | str, username: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one content tag.

        LuxSci `getEmailContentTag`, GET
        /perl/api/v2/user/{username}/email/content_tags/{tag_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            tag_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "tag_id": tag_id,
        })
        return await self.call("getEmailContentTag", files=files, **sent, **extra)

    async def update_email_content_tag(self, *, tag_id: int | str, username: str | None = None,
                                       name: str | None = None, description: str | None = None,
                                       html: str | None = None, text: str | None = None,
                                       shared: bool | int | str | None = None,
                                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change the content of an existing content tag.

        LuxSci `updateEmailContentTag`, PUT
        /perl/api/v2/user/{username}/email/content_tags/{tag_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            tag_id: (path) an id (a whole number)
            name: (body) one line of text
            description: (body) text
            html: (body) text
            text: (body) text
            shared: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "tag_id": tag_id, "name": name, "description": description, "html":
            html, "text": text, "shared": shared,
        })
        return await self.call("updateEmailContentTag", files=files, **sent, **extra)

    async def delete_email_content_tag(self, *, tag_id: int | str, username: str | None = None,
                                       force: bool | int | str | None = None,
                                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete one content tag.

        LuxSci `deleteEmailContentTag`, DELETE
        /perl/api/v2/user/{username}/email/content_tags/{tag_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            tag_id: (path) an id (a whole number)
            force: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "tag_id": tag_id, "force": force,
        })
        return await self.call("deleteEmailContentTag", files=files, **sent, **extra)

    async def get_email_content_tag_list(self, *, username: str | None = None,
                                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List the content tags visible to the user.

        LuxSci `getEmailContentTagList`, GET
        /perl/api/v2/user/{username}/email/content_tags

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("getEmailContentTagList", files=files, **sent, **extra)

    async def create_email_content_tag(self, *, username: str | None = None, name: str | None = None,
                                       description: str | None = None, html: str | None = None,
                                       text: str | None = None, shared: bool | int | str | None = None,
                                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a new content tag.

        LuxSci `createEmailContentTag`, POST
        /perl/api/v2/user/{username}/email/content_tags

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) one line of text
            description: (body) text
            html: (body) text
            text: (body) text
            shared: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "description": description, "html": html, "text": text,
            "shared": shared,
        })
        return await self.call("createEmailContentTag", files=files, **sent, **extra)

    async def create_content_library_directory(self, *, directory: str, username: str | None = None,
                                               files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a library directory; it must be new and its parent must exist.

        LuxSci `createContentLibraryDirectory`, POST
        /perl/api/v2/user/{username}/content_library/{directory}

        Args:
            username: (path) the user's login (default: the signed-in user)
            directory: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "directory": directory,
        })
        return await self.call("createContentLibraryDirectory", files=files, **sent, **extra)

    async def delete_content_library_directory(self, *, directory: str, username: str | None = None,
                                               files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete an empty library directory.

        LuxSci `deleteContentLibraryDirectory`, DELETE
        /perl/api/v2/user/{username}/content_library/{directory}

        Args:
            username: (path) the user's login (default: the signed-in user)
            directory: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "directory": directory,
        })
        return await self.call("deleteContentLibraryDirectory", files=files, **sent, **extra)

    async def delete_content_library_file(self, *, file_path: str, username: str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a library file (content_library_files avoids the directory paths).

        LuxSci `deleteContentLibraryFile`, DELETE
        /perl/api/v2/user/{username}/content_library_files/{file_path}

        Args:
            username: (path) the user's login (default: the signed-in user)
            file_path: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "file_path": file_path,
        })
        return await self.call("deleteContentLibraryFile", files=files, **sent, **extra)

    async def get_content_library_directory(self, *, directory: str, username: str | None = None,
                                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read a directory and list the files and subdirectories in it.

        LuxSci `getContentLibraryDirectory`, GET
        /perl/api/v2/user/{username}/content_library/{directory}

        Args:
            username: (path) the user's login (default: the signed-in user)
            directory: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "directory": directory,
        })
        return await self.call("getContentLibraryDirectory", files=files, **sent, **extra)

    async def get_content_library_file(self, *, file_path: str, username: str | None = None,
                                       include_content: bool | int | str | None = None,
                                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read details of one library file (files live under content_library_files).

        LuxSci `getContentLibraryFile`, GET
        /perl/api/v2/user/{username}/content_library_files/{file_path}

        Args:
            username: (path) the user's login (default: the signed-in user)
            file_path: (path) path segment
            include_content: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "file_path": file_path, "include_content": include_content,
        })
        return await self.call("getContentLibraryFile", files=files, **sent, **extra)

    async def upload_content_library_file(self, *, file_path: str, username: str | None = None,
                                          overwrite: bool | int | str | None = None,
                                          attachments: list[Any] | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Upload a file (multipart) to the given library path.

        LuxSci `uploadContentLibraryFile`, POST
        /perl/api/v2/user/{username}/content_library_files/{file_path}

        Args:
            username: (path) the user's login (default: the signed-in user)
            file_path: (path) path segment
            overwrite: (body) a flag: 1/0, true/false, yes/no, on/off
            attachments: (body) [{"name", "hash"}] as every LuxSci upload carries
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "file_path": file_path, "overwrite": overwrite, "attachments":
            attachments,
        })
        return await self.call("uploadContentLibraryFile", files=files, **sent, **extra)

    async def delete_user_suppression(self, *, email: str, username: str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove one address from the user-level suppression list.

        LuxSci `deleteUserSuppression`, DELETE
        /perl/api/v2/user/{username}/email/suppressions/{email}

        Args:
            username: (path) the user's login (default: the signed-in user)
            email: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "email": email,
        })
        return await self.call("deleteUserSuppression", files=files, **sent, **extra)

    async def get_user_suppression(self, *, email: str, username: str | None = None,
                                   files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one user-level suppression.

        LuxSci `getUserSuppression`, GET
        /perl/api/v2/user/{username}/email/suppressions/{email}

        Args:
            username: (path) the user's login (default: the signed-in user)
            email: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "email": email,
        })
        return await self.call("getUserSuppression", files=files, **sent, **extra)

    async def get_user_suppression_list(self, *, username: str | None = None, email: str | None = None,
                                        reason: str | None = None, after_date: str | None = None,
                                        before_date: str | None = None, from_date: str | None = None,
                                        through_date: str | None = None, first_row: int | str | None = None,
                                        matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                        **extra: Any) -> Any:
        """List all user-level email suppressions.

        LuxSci `getUserSuppressionList`, GET
        /perl/api/v2/user/{username}/email/suppressions

        Args:
            username: (path) the user's login (default: the signed-in user)
            email: (query) substring of the address, case-insensitive
            reason: (query) text
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "email": email, "reason": reason, "after_date": after_date,
            "before_date": before_date, "from_date": from_date, "through_date": through_date,
            "first_row": first_row, "matches": matches,
        })
        return await self.call("getUserSuppressionList", files=files, **sent, **extra)

    async def create_user_suppression(self, *, username: str | None = None, email: str | None = None,
                                      emails: list[Any] | str | None = None, reason: str | None = None,
                                      note: str | None = None, expires: str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add one or more user-level email suppressions.

        LuxSci `createUserSuppression`, POST
        /perl/api/v2/user/{username}/email/suppressions

        Args:
            username: (path) the user's login (default: the signed-in user)
            email: (body) text
            emails: (body) any JSON value
            reason: (body) manual (default), bounce, complaint, unsubscribe
            note: (body) text
            expires: (body) DATETIME (GMT); absent = never
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "email": email, "emails": emails, "reason": reason, "note": note,
            "expires": expires,
        })
        return await self.call("createUserSuppression", files=files, **sent, **extra)

    async def add_list(self, *, username: str | None = None, name: str | None = None, description: str | None = None,
                       from_name: str | None = None, from_address: str | None = None, reply_to: str | None = None,
                       group_id: int | str | None = None, group: str | None = None,
                       fields: list[Any] | str | None = None, files: list[tuple[str, bytes]] | None = None,
                       **extra: Any) -> Any:
        """Create a contact list.

        LuxSci `addList`, POST
        /perl/api/v2/user/{username}/marketing/lists

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) text
            description: (body) text
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            group: (body) text
            fields: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "description": description, "from_name": from_name,
            "from_address": from_address, "reply_to": reply_to, "group_id": group_id, "group": group,
            "fields": fields,
        })
        return await self.call("addList", files=files, **sent, **extra)

    async def delete_list(self, *, list_id: int | str, username: str | None = None,
                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a contact list together with its contacts.

        LuxSci `deleteList`, DELETE
        /perl/api/v2/user/{username}/marketing/lists/{list_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id,
        })
        return await self.call("deleteList", files=files, **sent, **extra)

    async def get_list(self, *, list_id: int | str, username: str | None = None,
                       files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one contact list.

        LuxSci `getList`, GET
        /perl/api/v2/user/{username}/marketing/lists/{list_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id,
        })
        return await self.call("getList", files=files, **sent, **extra)

    async def get_lists(self, *, username: str | None = None, group_id: int | str | None = None,
                        name: str | None = None, first_row: int | str | None = None, matches: int | str | None = None,
                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Report-style listing of some or all contact lists.

        LuxSci `getLists`, GET
        /perl/api/v2/user/{username}/marketing/lists

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (query) 0: lists in no group; an id; blank means not given
            name: (query) case-insensitive substring
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id, "name": name, "first_row": first_row, "matches":
            matches,
        })
        return await self.call("getLists", files=files, **sent, **extra)

    async def update_list(self, *, list_id: int | str, username: str | None = None, name: str | None = None,
                          description: str | None = None, from_name: str | None = None,
                          from_address: str | None = None, reply_to: str | None = None,
                          group_id: int | str | None = None, group: str | None = None,
                          fields: list[Any] | str | None = None, files: list[tuple[str, bytes]] | None = None,
                          **extra: Any) -> Any:
        """Change a list and/or assign custom fields to it.

        LuxSci `updateList`, PUT
        /perl/api/v2/user/{username}/marketing/lists/{list_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            name: (body) text
            description: (body) text
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            group: (body) text
            fields: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id, "name": name, "description": description,
            "from_name": from_name, "from_address": from_address, "reply_to": reply_to, "group_id":
            group_id, "group": group, "fields": fields,
        })
        return await self.call("updateList", files=files, **sent, **extra)

    async def add_list_group(self, *, username: str | None = None, name: str | None = None,
                             description: str | None = None, files: list[tuple[str, bytes]] | None = None,
                             **extra: Any) -> Any:
        """Create a list group.

        LuxSci `addListGroup`, POST
        /perl/api/v2/user/{username}/marketing/list_groups

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) text
            description: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "description": description,
        })
        return await self.call("addListGroup", files=files, **sent, **extra)

    async def delete_list_group(self, *, group_id: int | str, username: str | None = None,
                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a list group.

        LuxSci `deleteListGroup`, DELETE
        /perl/api/v2/user/{username}/marketing/list_groups/{group_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id,
        })
        return await self.call("deleteListGroup", files=files, **sent, **extra)

    async def get_list_groups(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                              **extra: Any) -> Any:
        """List all list groups.

        LuxSci `getListGroups`, GET
        /perl/api/v2/user/{username}/marketing/list_groups

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("getListGroups", files=files, **sent, **extra)

    async def update_list_group(self, *, group_id: int | str, username: str | None = None, name: str | None = None,
                                description: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                **extra: Any) -> Any:
        """Rename a list group.

        LuxSci `updateListGroup`, PUT
        /perl/api/v2/user/{username}/marketing/list_groups/{group_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            group_id: (path) an id (a whole number)
            name: (body) text
            description: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "group_id": group_id, "name": name, "description": description,
        })
        return await self.call("updateListGroup", files=files, **sent, **extra)

    async def add_contact(self, *, list_id: int | str, username: str | None = None, email: str | None = None,
                          status: str | None = None, fields: dict[str, Any] | None = None,
                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add one new contact to a list.

        LuxSci `addContact`, POST
        /perl/api/v2/user/{username}/marketing/lists/{list_id}/contacts

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            email: (body) text
            status: (body) subscribed (default) | unsubscribed | bounced | complained
            fields: (body) custom field name -> value, checked against the field's type
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id, "email": email, "status": status, "fields":
            fields,
        })
        return await self.call("addContact", files=files, **sent, **extra)

    async def add_contacts(self, *, list_id: int | str, username: str | None = None, contacts: list[Any] | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add many contacts to a list at once (/bulk keeps it apart from addContact).

        LuxSci `addContacts`, POST
        /perl/api/v2/user/{username}/marketing/lists/{list_id}/contacts/bulk

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            contacts: (body) a list
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id, "contacts": contacts,
        })
        return await self.call("addContacts", files=files, **sent, **extra)

    async def delete_contact(self, *, list_id: int | str, contact_id: int | str, username: str | None = None,
                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove a contact from a list.

        LuxSci `deleteContact`, DELETE
        /perl/api/v2/user/{username}/marketing/lists/{list_id}/contacts/{contact_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (path) an id (a whole number)
            contact_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id, "contact_id": contact_id,
        })
        return await self.call("deleteContact", files=files, **sent, **extra)

    async def get_contact(self, *, contact_id: int | str, username: str | None = None,
                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one contact with its custom field values.

        LuxSci `getContact`, GET
        /perl/api/v2/user/{username}/marketing/contacts/{contact_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            contact_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "contact_id": contact_id,
        })
        return await self.call("getContact", files=files, **sent, **extra)

    async def get_contacts(self, *, username: str | None = None, list_id: int | str | None = None,
                           status: str | None = None, email: str | None = None, after_date: str | None = None,
                           before_date: str | None = None, from_date: str | None = None,
                           through_date: str | None = None, first_row: int | str | None = None,
                           matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                           **extra: Any) -> Any:
        """Report-style bulk read of contacts and their custom field values.

        LuxSci `getContacts`, GET
        /perl/api/v2/user/{username}/marketing/contacts

        Args:
            username: (path) the user's login (default: the signed-in user)
            list_id: (query) an id; blank means not given
            status: (query) text
            email: (query) case-insensitive substring
            after_date: (query) bounds on `modified`
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "list_id": list_id, "status": status, "email": email, "after_date":
            after_date, "before_date": before_date, "from_date": from_date, "through_date":
            through_date, "first_row": first_row, "matches": matches,
        })
        return await self.call("getContacts", files=files, **sent, **extra)

    async def update_contact(self, *, contact_id: int | str, username: str | None = None, email: str | None = None,
                             status: str | None = None, fields: dict[str, Any] | None = None,
                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change the properties of a contact.

        LuxSci `updateContact`, PUT
        /perl/api/v2/user/{username}/marketing/contacts/{contact_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            contact_id: (path) an id (a whole number)
            email: (body) text
            status: (body) subscribed (default) | unsubscribed | bounced | complained
            fields: (body) custom field name -> value, checked against the field's type
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "contact_id": contact_id, "email": email, "status": status, "fields":
            fields,
        })
        return await self.call("updateContact", files=files, **sent, **extra)

    async def add_campaign(self, *, username: str | None = None, name: str | None = None, subject: str | None = None,
                           html: str | None = None, text: str | None = None, template_id: int | str | None = None,
                           lists: list[Any] | str | None = None, from_name: str | None = None,
                           from_address: str | None = None, reply_to: str | None = None, send_at: str | None = None,
                           status: str | None = None, group: str | None = None, track_opens: Any | None = None,
                           track_clicks: Any | None = None, files: list[tuple[str, bytes]] | None = None,
                           **extra: Any) -> Any:
        """Create a campaign.

        LuxSci `addCampaign`, POST
        /perl/api/v2/user/{username}/marketing/campaigns

        Args:
            username: (path) the user's login (default: the signed-in user)
            name: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            template_id: (body) a stored template instead of inline html/text ("" or 0: none); an id; "" or 0 means
                none
            lists: (body) target list ids: a JSON list or "1,2"
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            send_at: (body) DATETIME (GMT) or "now" schedules; "" unschedules
            status: (body) only "cancelled" may be set by a client
            group: (body) v2 campaign group (a name; "" for none)
            track_opens: (body) any JSON value
            track_clicks: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "name": name, "subject": subject, "html": html, "text": text,
            "template_id": template_id, "lists": lists, "from_name": from_name, "from_address":
            from_address, "reply_to": reply_to, "send_at": send_at, "status": status, "group": group,
            "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return await self.call("addCampaign", files=files, **sent, **extra)

    async def delete_campaign(self, *, campaign_id: int | str, username: str | None = None,
                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a campaign.

        LuxSci `deleteCampaign`, DELETE
        /perl/api/v2/user/{username}/marketing/campaigns/{campaign_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id,
        })
        return await self.call("deleteCampaign", files=files, **sent, **extra)

    async def get_campaign(self, *, campaign_id: int | str, username: str | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one campaign.

        LuxSci `getCampaign`, GET
        /perl/api/v2/user/{username}/marketing/campaigns/{campaign_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id,
        })
        return await self.call("getCampaign", files=files, **sent, **extra)

    async def get_campaigns(self, *, username: str | None = None, status: str | None = None, name: str | None = None,
                            after_date: str | None = None, before_date: str | None = None,
                            from_date: str | None = None, through_date: str | None = None,
                            first_row: int | str | None = None, matches: int | str | None = None,
                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Report of campaigns matching criteria such as recent changes.

        LuxSci `getCampaigns`, GET
        /perl/api/v2/user/{username}/marketing/campaigns

        Args:
            username: (path) the user's login (default: the signed-in user)
            status: (query) text
            name: (query) case-insensitive substring
            after_date: (query) bounds on `modified`
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "status": status, "name": name, "after_date": after_date,
            "before_date": before_date, "from_date": from_date, "through_date": through_date,
            "first_row": first_row, "matches": matches,
        })
        return await self.call("getCampaigns", files=files, **sent, **extra)

    async def update_campaign(self, *, campaign_id: int | str, username: str | None = None, name: str | None = None,
                              subject: str | None = None, html: str | None = None, text: str | None = None,
                              template_id: int | str | None = None, lists: list[Any] | str | None = None,
                              from_name: str | None = None, from_address: str | None = None,
                              reply_to: str | None = None, send_at: str | None = None, status: str | None = None,
                              group: str | None = None, track_opens: Any | None = None,
                              track_clicks: Any | None = None, files: list[tuple[str, bytes]] | None = None,
                              **extra: Any) -> Any:
        """Change the properties of a campaign.

        LuxSci `updateCampaign`, PUT
        /perl/api/v2/user/{username}/marketing/campaigns/{campaign_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (path) an id (a whole number)
            name: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            template_id: (body) a stored template instead of inline html/text ("" or 0: none); an id; "" or 0 means
                none
            lists: (body) target list ids: a JSON list or "1,2"
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            send_at: (body) DATETIME (GMT) or "now" schedules; "" unschedules
            status: (body) only "cancelled" may be set by a client
            group: (body) v2 campaign group (a name; "" for none)
            track_opens: (body) any JSON value
            track_clicks: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "name": name, "subject": subject, "html":
            html, "text": text, "template_id": template_id, "lists": lists, "from_name": from_name,
            "from_address": from_address, "reply_to": reply_to, "send_at": send_at, "status": status,
            "group": group, "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return await self.call("updateCampaign", files=files, **sent, **extra)

    async def get_report_logs(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                              after_date: str | None = None, before_date: str | None = None,
                              from_date: str | None = None, through_date: str | None = None,
                              first_row: int | str | None = None, matches: int | str | None = None,
                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Raw per-recipient sending log for a set of campaigns.

        LuxSci `getReportLogs`, GET
        /perl/api/v2/user/{username}/marketing/reports/logs

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getReportLogs", files=files, **sent, **extra)

    async def get_report_bounces(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                                 after_date: str | None = None, before_date: str | None = None,
                                 from_date: str | None = None, through_date: str | None = None,
                                 first_row: int | str | None = None, matches: int | str | None = None,
                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delivery failures (bounces) for a set of campaigns.

        LuxSci `getReportBounces`, GET
        /perl/api/v2/user/{username}/marketing/reports/bounces

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getReportBounces", files=files, **sent, **extra)

    async def get_report_opened(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                                after_date: str | None = None, before_date: str | None = None,
                                from_date: str | None = None, through_date: str | None = None,
                                first_row: int | str | None = None, matches: int | str | None = None,
                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Open events for a set of campaigns.

        LuxSci `getReportOpened`, GET
        /perl/api/v2/user/{username}/marketing/reports/opened

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getReportOpened", files=files, **sent, **extra)

    async def get_report_clicked(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                                 after_date: str | None = None, before_date: str | None = None,
                                 from_date: str | None = None, through_date: str | None = None,
                                 first_row: int | str | None = None, matches: int | str | None = None,
                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Click events for a set of campaigns.

        LuxSci `getReportClicked`, GET
        /perl/api/v2/user/{username}/marketing/reports/clicked

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getReportClicked", files=files, **sent, **extra)

    async def get_report_urls(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                              after_date: str | None = None, before_date: str | None = None,
                              from_date: str | None = None, through_date: str | None = None,
                              first_row: int | str | None = None, matches: int | str | None = None,
                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Clicked URLs with counts aggregated over a set of campaigns.

        LuxSci `getReportUrls`, GET
        /perl/api/v2/user/{username}/marketing/reports/urls

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getReportUrls", files=files, **sent, **extra)

    async def get_report_unsubscribed(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                                      after_date: str | None = None, before_date: str | None = None,
                                      from_date: str | None = None, through_date: str | None = None,
                                      first_row: int | str | None = None, matches: int | str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Unsubscribes for a set of campaigns.

        LuxSci `getReportUnsubscribed`, GET
        /perl/api/v2/user/{username}/marketing/reports/unsubscribed

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getReportUnsubscribed", files=files, **sent, **extra)

    async def get_report_complaints(self, *, username: str | None = None, campaign_id: list[Any] | None = None,
                                    after_date: str | None = None, before_date: str | None = None,
                                    from_date: str | None = None, through_date: str | None = None,
                                    first_row: int | str | None = None, matches: int | str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Spam complaints for a set of campaigns.

        LuxSci `getReportComplaints`, GET
        /perl/api/v2/user/{username}/marketing/reports/complaints

        Args:
            username: (path) the user's login (default: the signed-in user)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getReportComplaints", files=files, **sent, **extra)

    async def get_email_smtp_sent_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                              before_date: str | None = None, from_date: str | None = None,
                                              through_date: str | None = None, first_row: int | str | None = None,
                                              matches: int | str | None = None, sender: str | None = None,
                                              user: str | None = None, message_id: str | None = None,
                                              queue_id: str | None = None, channel: str | None = None,
                                              status: str | None = None, destination: str | None = None,
                                              destination_hostname: str | None = None,
                                              destination_port: int | str | None = None,
                                              destination_path: str | None = None,
                                              destination_username: str | None = None,
                                              destination_password: str | None = None,
                                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Messages sent via SMTP or API by the user.

        LuxSci `getEmailSMTPSentReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/sent

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            status: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "user": user, "message_id": message_id, "queue_id": queue_id, "channel":
            channel, "status": status, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return await self.call("getEmailSMTPSentReportUser", files=files, **sent, **extra)

    async def get_email_smtp_delivery_status_report_user(self, *, username: str | None = None,
                                                         after_date: str | None = None, before_date: str | None = None,
                                                         from_date: str | None = None, through_date: str | None = None,
                                                         first_row: int | str | None = None,
                                                         matches: int | str | None = None, sender: str | None = None,
                                                         recipient: str | None = None, status: str | None = None,
                                                         user: str | None = None, message_id: str | None = None,
                                                         queue_id: str | None = None, channel: str | None = None,
                                                         destination: str | None = None,
                                                         destination_hostname: str | None = None,
                                                         destination_port: int | str | None = None,
                                                         destination_path: str | None = None,
                                                         destination_username: str | None = None,
                                                         destination_password: str | None = None,
                                                         files: list[tuple[str, bytes]] | None = None,
                                                         **extra: Any) -> Any:
        """Per-recipient delivery status of SMTP messages sent by the user.

        LuxSci `getEmailSMTPDeliveryStatusReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/delivery

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            status: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "status": status, "user": user, "message_id":
            message_id, "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPDeliveryStatusReportUser", files=files, **sent, **extra)

    async def get_email_smtp_delivery_status_summary_report_user(self, *, username: str | None = None,
                                                                 after_date: str | None = None,
                                                                 before_date: str | None = None,
                                                                 from_date: str | None = None,
                                                                 through_date: str | None = None,
                                                                 first_row: int | str | None = None,
                                                                 matches: int | str | None = None,
                                                                 destination: str | None = None,
                                                                 destination_hostname: str | None = None,
                                                                 destination_port: int | str | None = None,
                                                                 destination_path: str | None = None,
                                                                 destination_username: str | None = None,
                                                                 destination_password: str | None = None,
                                                                 files: list[tuple[str, bytes]] | None = None,
                                                                 **extra: Any) -> Any:
        """Delivery/open/click/encryption/suppression totals, SMTP, the user.

        LuxSci `getEmailSMTPDeliveryStatusSummaryReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/delivery/summary

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPDeliveryStatusSummaryReportUser", files=files, **sent, **extra)

    async def get_email_smtp_click_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                               before_date: str | None = None, from_date: str | None = None,
                                               through_date: str | None = None, first_row: int | str | None = None,
                                               matches: int | str | None = None, sender: str | None = None,
                                               recipient: str | None = None, user: str | None = None,
                                               classification: str | None = None, url: str | None = None,
                                               destination: str | None = None, destination_hostname: str | None = None,
                                               destination_port: int | str | None = None,
                                               destination_path: str | None = None,
                                               destination_username: str | None = None,
                                               destination_password: str | None = None,
                                               files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked URL clicks (or none) on SMTP messages of the user.

        LuxSci `getEmailSMTPClickReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/clicks

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            url: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "url": url, "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPClickReportUser", files=files, **sent, **extra)

    async def get_email_smtp_click_summary_report_user(self, *, username: str | None = None,
                                                       after_date: str | None = None, before_date: str | None = None,
                                                       from_date: str | None = None, through_date: str | None = None,
                                                       first_row: int | str | None = None,
                                                       matches: int | str | None = None,
                                                       destination: str | None = None,
                                                       destination_hostname: str | None = None,
                                                       destination_port: int | str | None = None,
                                                       destination_path: str | None = None,
                                                       destination_username: str | None = None,
                                                       destination_password: str | None = None,
                                                       files: list[tuple[str, bytes]] | None = None,
                                                       **extra: Any) -> Any:
        """Count of URL clicks on SMTP messages in a period, the user.

        LuxSci `getEmailSMTPClickSummaryReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/clicks/summary

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPClickSummaryReportUser", files=files, **sent, **extra)

    async def get_email_smtp_open_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                              before_date: str | None = None, from_date: str | None = None,
                                              through_date: str | None = None, first_row: int | str | None = None,
                                              matches: int | str | None = None, sender: str | None = None,
                                              recipient: str | None = None, user: str | None = None,
                                              classification: str | None = None, destination: str | None = None,
                                              destination_hostname: str | None = None,
                                              destination_port: int | str | None = None,
                                              destination_path: str | None = None,
                                              destination_username: str | None = None,
                                              destination_password: str | None = None,
                                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked opens (or none) of SMTP messages of the user.

        LuxSci `getEmailSMTPOpenReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/opens

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPOpenReportUser", files=files, **sent, **extra)

    async def get_email_smtp_open_summary_report_user(self, *, username: str | None = None,
                                                      after_date: str | None = None, before_date: str | None = None,
                                                      from_date: str | None = None, through_date: str | None = None,
                                                      first_row: int | str | None = None,
                                                      matches: int | str | None = None, destination: str | None = None,
                                                      destination_hostname: str | None = None,
                                                      destination_port: int | str | None = None,
                                                      destination_path: str | None = None,
                                                      destination_username: str | None = None,
                                                      destination_password: str | None = None,
                                                      files: list[tuple[str, bytes]] | None = None,
                                                      **extra: Any) -> Any:
        """Count of opens of SMTP messages in a period, the user.

        LuxSci `getEmailSMTPOpenSummaryReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/opens/summary

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPOpenSummaryReportUser", files=files, **sent, **extra)

    async def get_email_web_mail_sent_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                                  before_date: str | None = None, from_date: str | None = None,
                                                  through_date: str | None = None, first_row: int | str | None = None,
                                                  matches: int | str | None = None, sender: str | None = None,
                                                  user: str | None = None, message_id: str | None = None,
                                                  queue_id: str | None = None, channel: str | None = None,
                                                  status: str | None = None, destination: str | None = None,
                                                  destination_hostname: str | None = None,
                                                  destination_port: int | str | None = None,
                                                  destination_path: str | None = None,
                                                  destination_username: str | None = None,
                                                  destination_password: str | None = None,
                                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Messages sent via WebMail by the user.

        LuxSci `getEmailWebMailSentReportUser`, GET
        /perl/api/v2/user/{username}/report/email/webmail/sent

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            status: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "user": user, "message_id": message_id, "queue_id": queue_id, "channel":
            channel, "status": status, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return await self.call("getEmailWebMailSentReportUser", files=files, **sent, **extra)

    async def get_email_web_mail_delivery_status_report_user(self, *, username: str | None = None,
                                                             after_date: str | None = None,
                                                             before_date: str | None = None,
                                                             from_date: str | None = None,
                                                             through_date: str | None = None,
                                                             first_row: int | str | None = None,
                                                             matches: int | str | None = None,
                                                             sender: str | None = None, recipient: str | None = None,
                                                             status: str | None = None, user: str | None = None,
                                                             message_id: str | None = None,
                                                             queue_id: str | None = None, channel: str | None = None,
                                                             destination: str | None = None,
                                                             destination_hostname: str | None = None,
                                                             destination_port: int | str | None = None,
                                                             destination_path: str | None = None,
                                                             destination_username: str | None = None,
                                                             destination_password: str | None = None,
                                                             files: list[tuple[str, bytes]] | None = None,
                                                             **extra: Any) -> Any:
        """Per-recipient delivery status of WebMail messages of the user.

        LuxSci `getEmailWebMailDeliveryStatusReportUser`, GET
        /perl/api/v2/user/{username}/report/email/webmail/delivery

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            status: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "status": status, "user": user, "message_id":
            message_id, "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return await self.call("getEmailWebMailDeliveryStatusReportUser", files=files, **sent, **extra)

    async def get_email_web_mail_click_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                                   before_date: str | None = None, from_date: str | None = None,
                                                   through_date: str | None = None, first_row: int | str | None = None,
                                                   matches: int | str | None = None, sender: str | None = None,
                                                   recipient: str | None = None, user: str | None = None,
                                                   classification: str | None = None, url: str | None = None,
                                                   destination: str | None = None,
                                                   destination_hostname: str | None = None,
                                                   destination_port: int | str | None = None,
                                                   destination_path: str | None = None,
                                                   destination_username: str | None = None,
                                                   destination_password: str | None = None,
                                                   files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked URL clicks (or none) on WebMail messages of the user.

        LuxSci `getEmailWebMailClickReportUser`, GET
        /perl/api/v2/user/{username}/report/email/webmail/clicks

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            url: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "url": url, "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailWebMailClickReportUser", files=files, **sent, **extra)

    async def get_email_web_mail_open_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                                  before_date: str | None = None, from_date: str | None = None,
                                                  through_date: str | None = None, first_row: int | str | None = None,
                                                  matches: int | str | None = None, sender: str | None = None,
                                                  recipient: str | None = None, user: str | None = None,
                                                  classification: str | None = None, destination: str | None = None,
                                                  destination_hostname: str | None = None,
                                                  destination_port: int | str | None = None,
                                                  destination_path: str | None = None,
                                                  destination_username: str | None = None,
                                                  destination_password: str | None = None,
                                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked opens (or none) of WebMail messages of the user.

        LuxSci `getEmailWebMailOpenReportUser`, GET
        /perl/api/v2/user/{username}/report/email/webmail/opens

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailWebMailOpenReportUser", files=files, **sent, **extra)

    async def get_email_feed_back_loops_report_user(self, *, username: str | None = None,
                                                    after_date: str | None = None, before_date: str | None = None,
                                                    from_date: str | None = None, through_date: str | None = None,
                                                    first_row: int | str | None = None,
                                                    matches: int | str | None = None, sender: str | None = None,
                                                    recipient: str | None = None, user: str | None = None,
                                                    provider: str | None = None, status: str | None = None,
                                                    kind: str | None = None, destination: str | None = None,
                                                    destination_hostname: str | None = None,
                                                    destination_port: int | str | None = None,
                                                    destination_path: str | None = None,
                                                    destination_username: str | None = None,
                                                    destination_password: str | None = None,
                                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Messages of the user reported as spam via feedback loops.

        LuxSci `getEmailFeedBackLoopsReportUser`, GET
        /perl/api/v2/user/{username}/report/email/fbl

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            provider: (query) filter
            status: (query) filter
            kind: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "provider": provider, "status":
            status, "kind": kind, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return await self.call("getEmailFeedBackLoopsReportUser", files=files, **sent, **extra)

    async def get_email_feed_back_loops_summary_report_user(self, *, username: str | None = None,
                                                            after_date: str | None = None,
                                                            before_date: str | None = None,
                                                            from_date: str | None = None,
                                                            through_date: str | None = None,
                                                            first_row: int | str | None = None,
                                                            matches: int | str | None = None,
                                                            destination: str | None = None,
                                                            destination_hostname: str | None = None,
                                                            destination_port: int | str | None = None,
                                                            destination_path: str | None = None,
                                                            destination_username: str | None = None,
                                                            destination_password: str | None = None,
                                                            files: list[tuple[str, bytes]] | None = None,
                                                            **extra: Any) -> Any:
        """Count of feedback-loop spam complaints in a period, the user.

        LuxSci `getEmailFeedBackLoopsSummaryReportUser`, GET
        /perl/api/v2/user/{username}/report/email/fbl/summary

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailFeedBackLoopsSummaryReportUser", files=files, **sent, **extra)

    async def get_user_suppression_report(self, *, username: str | None = None, after_date: str | None = None,
                                          before_date: str | None = None, from_date: str | None = None,
                                          through_date: str | None = None, first_row: int | str | None = None,
                                          matches: int | str | None = None, reason: str | None = None,
                                          email: str | None = None, destination: str | None = None,
                                          destination_hostname: str | None = None,
                                          destination_port: int | str | None = None,
                                          destination_path: str | None = None, destination_username: str | None = None,
                                          destination_password: str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Report of user-level email suppressions.

        LuxSci `getUserSuppressionReport`, GET
        /perl/api/v2/user/{username}/report/suppressions

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            reason: (query) filter
            email: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "reason": reason, "email": email, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return await self.call("getUserSuppressionReport", files=files, **sent, **extra)

    async def get_user_suppression_summary_report(self, *, username: str | None = None, after_date: str | None = None,
                                                  before_date: str | None = None, from_date: str | None = None,
                                                  through_date: str | None = None, first_row: int | str | None = None,
                                                  matches: int | str | None = None, destination: str | None = None,
                                                  destination_hostname: str | None = None,
                                                  destination_port: int | str | None = None,
                                                  destination_path: str | None = None,
                                                  destination_username: str | None = None,
                                                  destination_password: str | None = None,
                                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Number of user-level suppressions created in a period.

        LuxSci `getUserSuppressionSummaryReport`, GET
        /perl/api/v2/user/{username}/report/suppressions/summary

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getUserSuppressionSummaryReport", files=files, **sent, **extra)

    async def get_email_smtp_temp_fail_report_user(self, *, username: str | None = None, after_date: str | None = None,
                                                   before_date: str | None = None, from_date: str | None = None,
                                                   through_date: str | None = None, first_row: int | str | None = None,
                                                   matches: int | str | None = None, sender: str | None = None,
                                                   recipient: str | None = None, user: str | None = None,
                                                   message_id: str | None = None, queue_id: str | None = None,
                                                   channel: str | None = None, destination: str | None = None,
                                                   destination_hostname: str | None = None,
                                                   destination_port: int | str | None = None,
                                                   destination_path: str | None = None,
                                                   destination_username: str | None = None,
                                                   destination_password: str | None = None,
                                                   files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Temporary delivery failures met by SMTP messages of the user.

        LuxSci `getEmailSMTPTempFailReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/tempfail

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "message_id": message_id,
            "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPTempFailReportUser", files=files, **sent, **extra)

    async def get_email_smtp_login_failure_report_user(self, *, username: str | None = None,
                                                       after_date: str | None = None, before_date: str | None = None,
                                                       from_date: str | None = None, through_date: str | None = None,
                                                       first_row: int | str | None = None,
                                                       matches: int | str | None = None, type: str | None = None,
                                                       login: str | None = None, destination: str | None = None,
                                                       destination_hostname: str | None = None,
                                                       destination_port: int | str | None = None,
                                                       destination_path: str | None = None,
                                                       destination_username: str | None = None,
                                                       destination_password: str | None = None,
                                                       files: list[tuple[str, bytes]] | None = None,
                                                       **extra: Any) -> Any:
        """SMTP login failures and send rejections for the user.

        LuxSci `getEmailSMTPLoginFailureReportUser`, GET
        /perl/api/v2/user/{username}/report/email/smtp/loginfail

        Args:
            username: (path) the user's login (default: the signed-in user)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            type: (query) filter
            login: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches, "type":
            type, "login": login, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return await self.call("getEmailSMTPLoginFailureReportUser", files=files, **sent, **extra)

    async def get_user_jobs(self, *, username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                            **extra: Any) -> Any:
        """The user's asynchronous report jobs from the last 7 days.

        LuxSci `getUserJobs`, GET
        /perl/api/v2/user/{username}/report/jobs

        Args:
            username: (path) the user's login (default: the signed-in user)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username,
        })
        return await self.call("getUserJobs", files=files, **sent, **extra)

    async def get_user_job(self, *, job_id: int | str, username: str | None = None,
                           download: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                           **extra: Any) -> Any:
        """Status and details of one asynchronous report job of the user.

        LuxSci `getUserJob`, GET
        /perl/api/v2/user/{username}/report/jobs/{job_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            job_id: (path) an id (a whole number)
            download: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "job_id": job_id, "download": download,
        })
        return await self.call("getUserJob", files=files, **sent, **extra)

    async def new_web_aide(self, *, webaide_type: str, username: str | None = None, name: str | None = None,
                           description: str | None = None, shares: list[Any] | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a WebAide container (e.g. an address book) of the given type.

        LuxSci `newWebAide`, POST
        /perl/api/v2/user/{username}/webaides/{webaide_type}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            name: (body) one line of text
            description: (body) text
            shares: (body) a list
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "name": name, "description":
            description, "shares": shares,
        })
        return await self.call("newWebAide", files=files, **sent, **extra)

    async def delete_web_aide(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a WebAide the user owns.

        LuxSci `deleteWebAide`, DELETE
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id,
        })
        return await self.call("deleteWebAide", files=files, **sent, **extra)

    async def get_web_aides(self, *, webaide_type: str, username: str | None = None,
                            owned_only: bool | int | str | None = None, name: str | None = None,
                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List WebAides of a type accessible to the user, with query filters.

        LuxSci `getWebAides`, GET
        /perl/api/v2/user/{username}/webaides/{webaide_type}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            owned_only: (query) 1 = only the caller's own WebAides; a flag: 1/0, true/false, yes/no, on/off
            name: (query) case-insensitive substring of the name
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "owned_only": owned_only, "name": name,
        })
        return await self.call("getWebAides", files=files, **sent, **extra)

    async def get_web_aide(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one WebAide.

        LuxSci `getWebAide`, GET
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id,
        })
        return await self.call("getWebAide", files=files, **sent, **extra)

    async def new_web_aide_entry(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create one entry in a WebAide.

        LuxSci `newWebAideEntry`, POST
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id,
        })
        return await self.call("newWebAideEntry", files=files, **sent, **extra)

    async def delete_web_aide_entry(self, *, webaide_type: str, webaide_id: int | str, entry_id: int | str,
                                    username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                    **extra: Any) -> Any:
        """Delete one WebAide entry.

        LuxSci `deleteWebAideEntry`, DELETE
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries/{entry_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            entry_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "entry_id":
            entry_id,
        })
        return await self.call("deleteWebAideEntry", files=files, **sent, **extra)

    async def get_web_aide_entry(self, *, webaide_type: str, webaide_id: int | str, entry_id: int | str,
                                 username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                 **extra: Any) -> Any:
        """Read the full contents of one WebAide entry.

        LuxSci `getWebAideEntry`, GET
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries/{entry_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            entry_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "entry_id":
            entry_id,
        })
        return await self.call("getWebAideEntry", files=files, **sent, **extra)

    async def update_web_aide_entry(self, *, webaide_type: str, webaide_id: int | str, entry_id: int | str,
                                    username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                    **extra: Any) -> Any:
        """Change one WebAide entry.

        LuxSci `updateWebAideEntry`, PUT
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries/{entry_id}

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            entry_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "entry_id":
            entry_id,
        })
        return await self.call("updateWebAideEntry", files=files, **sent, **extra)

    async def add_update_web_aide_entries(self, *, webaide_type: str, webaide_id: int | str,
                                          username: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                          **extra: Any) -> Any:
        """Bulk add/update entries (PUT on the collection; POST is newWebAideEntry).

        LuxSci `addUpdateWebAideEntries`, PUT
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id,
        })
        return await self.call("addUpdateWebAideEntries", files=files, **sent, **extra)

    async def delete_web_aide_entries(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                                      entry_ids: list[Any] | None = None, files: list[tuple[str, bytes]] | None = None,
                                      **extra: Any) -> Any:
        """Bulk delete the listed entries of a WebAide.

        LuxSci `deleteWebAideEntries`, DELETE
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            entry_ids: (query) a list
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "entry_ids":
            entry_ids,
        })
        return await self.call("deleteWebAideEntries", files=files, **sent, **extra)

    async def get_web_aide_entries(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                                   category: str | None = None, entry_ids: str | None = None,
                                   format: str | None = None, first_row: int | str | None = None,
                                   matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                   **extra: Any) -> Any:
        """Read all entries of a WebAide that match a query.

        LuxSci `getWebAideEntries`, GET
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/entries

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            category: (query) entries carrying this tag
            entry_ids: (query) comma-separated Unique IDs
            format: (query) json (default) or ics (calendars and tasks)
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "category":
            category, "entry_ids": entry_ids, "format": format, "first_row": first_row, "matches":
            matches,
        })
        return await self.call("getWebAideEntries", files=files, **sent, **extra)

    async def get_calendar_entries_date_range(self, *, webaide_id: int | str, username: str | None = None,
                                              from_date: str | None = None, through_date: str | None = None,
                                              category: str | None = None,
                                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Calendar entries (incl. recurring) falling within a date range.

        LuxSci `getCalendarEntriesDateRange`, GET
        /perl/api/v2/user/{username}/webaides/calendars/{webaide_id}/range

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_id: (path) an id (a whole number)
            from_date: (query) text
            through_date: (query) text
            category: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_id": webaide_id, "from_date": from_date, "through_date":
            through_date, "category": category,
        })
        return await self.call("getCalendarEntriesDateRange", files=files, **sent, **extra)

    async def get_web_aide_changes(self, *, webaide_type: str, webaide_id: int | str, username: str | None = None,
                                   since: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                   **extra: Any) -> Any:
        """Entries added, changed or deleted since a given time (for sync).

        LuxSci `getWebAideChanges`, GET
        /perl/api/v2/user/{username}/webaides/{webaide_type}/{webaide_id}/changes

        Args:
            username: (path) the user's login (default: the signed-in user)
            webaide_type: (path) path segment
            webaide_id: (path) an id (a whole number)
            since: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "username": username, "webaide_type": webaide_type, "webaide_id": webaide_id, "since":
            since,
        })
        return await self.call("getWebAideChanges", files=files, **sent, **extra)

    async def get_user_report(self, *, account: str | None = None, status: str | None = None,
                              domain: str | None = None, younger_than: int | str | None = None,
                              older_than: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                              **extra: Any) -> Any:
        """List users of the account matching query filters.

        LuxSci `getUserReport`, GET
        /perl/api/v2/account/{account}/users

        Args:
            account: (path) the account (default: the client's account)
            status: (query) text
            domain: (query) text
            younger_than: (query) a whole number, 0 or more
            older_than: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "status": status, "domain": domain, "younger_than": younger_than,
            "older_than": older_than,
        })
        return await self.call("getUserReport", files=files, **sent, **extra)

    async def get_user_report2(self, *, account: str | None = None, status: str | None = None,
                               domain: str | None = None, younger_than: int | str | None = None,
                               older_than: int | str | None = None, first_row: int | str | None = None,
                               matches: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                               **extra: Any) -> Any:
        """Report-style listing of users in the account.

        LuxSci `getUserReport2`, GET
        /perl/api/v2/account/{account}/users/report2

        Args:
            account: (path) the account (default: the client's account)
            status: (query) text
            domain: (query) text
            younger_than: (query) a whole number, 0 or more
            older_than: (query) a whole number, 0 or more
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "status": status, "domain": domain, "younger_than": younger_than,
            "older_than": older_than, "first_row": first_row, "matches": matches,
        })
        return await self.call("getUserReport2", files=files, **sent, **extra)

    async def get_user_summary_report(self, *, account: str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Number of users created within a date range.

        LuxSci `getUserSummaryReport`, GET
        /perl/api/v2/account/{account}/users/summary

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return await self.call("getUserSummaryReport", files=files, **sent, **extra)

    async def create_user(self, *, account: str | None = None, contact: str | None = None, company: str | None = None,
                          email1: str | None = None, email2: str | None = None, phone1: str | None = None,
                          phone2: str | None = None, fax: str | None = None, sms: str | None = None,
                          street1: str | None = None, street2: str | None = None, city: str | None = None,
                          state: str | None = None, zip: str | None = None, country: str | None = None,
                          custom1: str | None = None, custom2: str | None = None, custom3: str | None = None,
                          password: str | None = None, status: str | None = None, services: list[Any] | None = None,
                          flags: list[Any] | None = None, disk_quota: float | str | None = None,
                          timezone: str | None = None, language: str | None = None, date_format: str | None = None,
                          time_format: str | None = None, force_ssl: bool | int | str | None = None,
                          tls_policy: str | None = None, hourly_send_limit: int | str | None = None,
                          allow_no_encryption: bool | int | str | None = None,
                          password_expiration: int | str | None = None, escrow_expiration: int | str | None = None,
                          user: str | None = None, files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create a user in the account.

        LuxSci `createUser`, POST
        /perl/api/v2/account/{account}/users

        Args:
            account: (path) the account (default: the client's account)
            contact: (body) text; at most 200 characters
            company: (body) text; at most 200 characters
            email1: (body) text; at most 320 characters
            email2: (body) text; at most 320 characters
            phone1: (body) text; at most 50 characters
            phone2: (body) text; at most 50 characters
            fax: (body) text; at most 50 characters
            sms: (body) text; at most 50 characters
            street1: (body) text; at most 200 characters
            street2: (body) text; at most 200 characters
            city: (body) text; at most 100 characters
            state: (body) text; at most 100 characters
            zip: (body) text; at most 20 characters
            country: (body) text; at most 100 characters
            custom1: (body) text; at most 500 characters
            custom2: (body) text; at most 500 characters
            custom3: (body) text; at most 500 characters
            password: (body) text
            status: (body) text
            services: (body) a list
            flags: (body) a list
            disk_quota: (body) a number
            timezone: (body) text
            language: (body) text
            date_format: (body) text
            time_format: (body) text
            force_ssl: (body) a flag: 1/0, true/false, yes/no, on/off
            tls_policy: (body) text
            hourly_send_limit: (body) a whole number, 0 or more
            allow_no_encryption: (body) a flag: 1/0, true/false, yes/no, on/off
            password_expiration: (body) a whole number, 0 or more
            escrow_expiration: (body) a whole number, 0 or more
            user: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contact": contact, "company": company, "email1": email1, "email2":
            email2, "phone1": phone1, "phone2": phone2, "fax": fax, "sms": sms, "street1": street1,
            "street2": street2, "city": city, "state": state, "zip": zip, "country": country, "custom1":
            custom1, "custom2": custom2, "custom3": custom3, "password": password, "status": status,
            "services": services, "flags": flags, "disk_quota": disk_quota, "timezone": timezone,
            "language": language, "date_format": date_format, "time_format": time_format, "force_ssl":
            force_ssl, "tls_policy": tls_policy, "hourly_send_limit": hourly_send_limit,
            "allow_no_encryption": allow_no_encryption, "password_expiration": password_expiration,
            "escrow_expiration": escrow_expiration, "user": user,
        })
        return await self.call("createUser", files=files, **sent, **extra)

    async def delete_user(self, *, username: str, account: str | None = None,
                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a user from the account.

        LuxSci `deleteUser`, DELETE
        /perl/api/v2/account/{account}/users/{username}

        Args:
            account: (path) the account (default: the client's account)
            username: (path) the user's login
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "username": username,
        })
        return await self.call("deleteUser", files=files, **sent, **extra)

    async def rename_user(self, *, username: str, account: str | None = None, new_user: str | None = None,
                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change a user's login email address.

        LuxSci `renameUser`, PUT
        /perl/api/v2/account/{account}/users/{username}/rename

        Args:
            account: (path) the account (default: the client's account)
            username: (path) the user's login
            new_user: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "username": username, "new_user": new_user,
        })
        return await self.call("renameUser", files=files, **sent, **extra)

    async def update_user_settings(self, *, username: str, account: str | None = None, contact: str | None = None,
                                   company: str | None = None, email1: str | None = None, email2: str | None = None,
                                   phone1: str | None = None, phone2: str | None = None, fax: str | None = None,
                                   sms: str | None = None, street1: str | None = None, street2: str | None = None,
                                   city: str | None = None, state: str | None = None, zip: str | None = None,
                                   country: str | None = None, custom1: str | None = None, custom2: str | None = None,
                                   custom3: str | None = None, password: str | None = None, status: str | None = None,
                                   services: list[Any] | None = None, flags: list[Any] | None = None,
                                   disk_quota: float | str | None = None, timezone: str | None = None,
                                   language: str | None = None, date_format: str | None = None,
                                   time_format: str | None = None, force_ssl: bool | int | str | None = None,
                                   tls_policy: str | None = None, hourly_send_limit: int | str | None = None,
                                   allow_no_encryption: bool | int | str | None = None,
                                   password_expiration: int | str | None = None,
                                   escrow_expiration: int | str | None = None,
                                   files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change one or more properties of a user.

        LuxSci `updateUserSettings`, PUT
        /perl/api/v2/account/{account}/users/{username}

        Args:
            account: (path) the account (default: the client's account)
            username: (path) the user's login
            contact: (body) text; at most 200 characters
            company: (body) text; at most 200 characters
            email1: (body) text; at most 320 characters
            email2: (body) text; at most 320 characters
            phone1: (body) text; at most 50 characters
            phone2: (body) text; at most 50 characters
            fax: (body) text; at most 50 characters
            sms: (body) text; at most 50 characters
            street1: (body) text; at most 200 characters
            street2: (body) text; at most 200 characters
            city: (body) text; at most 100 characters
            state: (body) text; at most 100 characters
            zip: (body) text; at most 20 characters
            country: (body) text; at most 100 characters
            custom1: (body) text; at most 500 characters
            custom2: (body) text; at most 500 characters
            custom3: (body) text; at most 500 characters
            password: (body) text
            status: (body) text
            services: (body) a list
            flags: (body) a list
            disk_quota: (body) a number
            timezone: (body) text
            language: (body) text
            date_format: (body) text
            time_format: (body) text
            force_ssl: (body) a flag: 1/0, true/false, yes/no, on/off
            tls_policy: (body) text
            hourly_send_limit: (body) a whole number, 0 or more
            allow_no_encryption: (body) a flag: 1/0, true/false, yes/no, on/off
            password_expiration: (body) a whole number, 0 or more
            escrow_expiration: (body) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "username": username, "contact": contact, "company": company, "email1":
            email1, "email2": email2, "phone1": phone1, "phone2": phone2, "fax": fax, "sms": sms,
            "street1": street1, "street2": street2, "city": city, "state": state, "zip": zip, "country":
            country, "custom1": custom1, "custom2": custom2, "custom3": custom3, "password": password,
            "status": status, "services": services, "flags": flags, "disk_quota": disk_quota,
            "timezone": timezone, "language": language, "date_format": date_format, "time_format":
            time_format, "force_ssl": force_ssl, "tls_policy": tls_policy, "hourly_send_limit":
            hourly_send_limit, "allow_no_encryption": allow_no_encryption, "password_expiration":
            password_expiration, "escrow_expiration": escrow_expiration,
        })
        return await self.call("updateUserSettings", files=files, **sent, **extra)

    async def create_domain(self, *, account: str | None = None, domain: str | None = None,
                            is_enabled: bool | int | str | None = None, is_hipaa: bool | int | str | None = None,
                            settings: dict[str, Any] | None = None, files: list[tuple[str, bytes]] | None = None,
                            **extra: Any) -> Any:
        """Add a domain to the account.

        LuxSci `createDomain`, POST
        /perl/api/v2/account/{account}/domains

        Args:
            account: (path) the account (default: the client's account)
            domain: (body) text
            is_enabled: (body) a flag: 1/0, true/false, yes/no, on/off
            is_hipaa: (body) a flag: 1/0, true/false, yes/no, on/off
            settings: (body) an object
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "is_enabled": is_enabled, "is_hipaa": is_hipaa,
            "settings": settings,
        })
        return await self.call("createDomain", files=files, **sent, **extra)

    async def get_domains_report(self, *, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                 **extra: Any) -> Any:
        """List the domains of the account.

        LuxSci `getDomainsReport`, GET
        /perl/api/v2/account/{account}/domains

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return await self.call("getDomainsReport", files=files, **sent, **extra)

    async def delete_domain(self, *, domain: str, account: str | None = None,
                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove a domain from the account.

        LuxSci `deleteDomain`, DELETE
        /perl/api/v2/account/{account}/domains/{domain}

        Args:
            account: (path) the account (default: the client's account)
            domain: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain,
        })
        return await self.call("deleteDomain", files=files, **sent, **extra)

    async def update_domain(self, *, domain: str, account: str | None = None,
                            is_enabled: bool | int | str | None = None, is_verified: bool | int | str | None = None,
                            is_hipaa: bool | int | str | None = None, settings: dict[str, Any] | None = None,
                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change selected settings of a domain.

        LuxSci `updateDomain`, PUT
        /perl/api/v2/account/{account}/domains/{domain}

        Args:
            account: (path) the account (default: the client's account)
            domain: (path) path segment
            is_enabled: (body) a flag: 1/0, true/false, yes/no, on/off
            is_verified: (body) a flag: 1/0, true/false, yes/no, on/off
            is_hipaa: (body) a flag: 1/0, true/false, yes/no, on/off
            settings: (body) an object
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "is_enabled": is_enabled, "is_verified": is_verified,
            "is_hipaa": is_hipaa, "settings": settings,
        })
        return await self.call("updateDomain", files=files, **sent, **extra)

    async def get_domain_details(self, *, domain: str, account: str | None = None,
                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one domain (same data as the domains report).

        LuxSci `getDomainDetails`, GET
        /perl/api/v2/account/{account}/domains/{domain}

        Args:
            account: (path) the account (default: the client's account)
            domain: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain,
        })
        return await self.call("getDomainDetails", files=files, **sent, **extra)

    async def create_alias(self, *, account: str | None = None, action: str | None = None,
                           dest: list[Any] | str | None = None, bounce: str | None = None, status: str | None = None,
                           user: str | None = None, domain: str | None = None, aliases: list[Any] | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create one or more email aliases.

        LuxSci `createAlias`, POST
        /perl/api/v2/account/{account}/aliases

        Args:
            account: (path) the account (default: the client's account)
            action: (body) text
            dest: (body) any JSON value
            bounce: (body) text; at most 2000 characters
            status: (body) text
            user: (body) text; at most 400 characters
            domain: (body) text; at most 400 characters
            aliases: (body) a list
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "action": action, "dest": dest, "bounce": bounce, "status": status,
            "user": user, "domain": domain, "aliases": aliases,
        })
        return await self.call("createAlias", files=files, **sent, **extra)

    async def get_aliases_report(self, *, account: str | None = None, domain: str | None = None,
                                 type: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                 **extra: Any) -> Any:
        """List aliases, user forwards, catch-alls and WebAide group lists.

        LuxSci `getAliasesReport`, GET
        /perl/api/v2/account/{account}/aliases

        Args:
            account: (path) the account (default: the client's account)
            domain: (query) text
            type: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "type": type,
        })
        return await self.call("getAliasesReport", files=files, **sent, **extra)

    async def get_alias_details(self, *, alias: str, account: str | None = None,
                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one email alias.

        LuxSci `getAliasDetails`, GET
        /perl/api/v2/account/{account}/aliases/{alias}

        Args:
            account: (path) the account (default: the client's account)
            alias: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "alias": alias,
        })
        return await self.call("getAliasDetails", files=files, **sent, **extra)

    async def update_alias(self, *, alias: str, account: str | None = None, action: str | None = None,
                           dest: list[Any] | str | None = None, bounce: str | None = None, status: str | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change an existing email alias.

        LuxSci `updateAlias`, PUT
        /perl/api/v2/account/{account}/aliases/{alias}

        Args:
            account: (path) the account (default: the client's account)
            alias: (path) path segment
            action: (body) text
            dest: (body) any JSON value
            bounce: (body) text; at most 2000 characters
            status: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "alias": alias, "action": action, "dest": dest, "bounce": bounce,
            "status": status,
        })
        return await self.call("updateAlias", files=files, **sent, **extra)

    async def delete_alias(self, *, alias: str, account: str | None = None,
                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete the alias with the given address.

        LuxSci `deleteAlias`, DELETE
        /perl/api/v2/account/{account}/aliases/{alias}

        Args:
            account: (path) the account (default: the client's account)
            alias: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "alias": alias,
        })
        return await self.call("deleteAlias", files=files, **sent, **extra)

    async def create_dkim(self, *, account: str | None = None, domain: str | None = None, selector: str | None = None,
                          key_size: int | str | None = None, bits: int | str | None = None,
                          key_type: str | None = None, files: list[tuple[str, bytes]] | None = None,
                          **extra: Any) -> Any:
        """Create a DKIM configuration for a domain.

        LuxSci `createDkim`, POST
        /perl/api/v2/account/{account}/dkim

        Args:
            account: (path) the account (default: the client's account)
            domain: (body) text; at most 300 characters
            selector: (body) text; at most 100 characters
            key_size: (body) a whole number, 0 or more
            bits: (body) accepted spelling of key_size; a whole number, 0 or more
            key_type: (body) extension: rsa (default) | ed25519 (RFC 8463); at most 20 characters
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "selector": selector, "key_size": key_size, "bits":
            bits, "key_type": key_type,
        })
        return await self.call("createDkim", files=files, **sent, **extra)

    async def get_dkim_report(self, *, account: str | None = None, domain: str | None = None,
                              check_dns: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                              **extra: Any) -> Any:
        """List the DKIM configurations of the account.

        LuxSci `getDkimReport`, GET
        /perl/api/v2/account/{account}/dkim

        Args:
            account: (path) the account (default: the client's account)
            domain: (query) text
            check_dns: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "check_dns": check_dns,
        })
        return await self.call("getDkimReport", files=files, **sent, **extra)

    async def get_dkim_details(self, *, domain: str, account: str | None = None,
                               check_dns: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                               **extra: Any) -> Any:
        """Read the DKIM configuration of one domain.

        LuxSci `getDkimDetails`, GET
        /perl/api/v2/account/{account}/dkim/{domain}

        Args:
            account: (path) the account (default: the client's account)
            domain: (path) path segment
            check_dns: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "check_dns": check_dns,
        })
        return await self.call("getDkimDetails", files=files, **sent, **extra)

    async def delete_dkim(self, *, domain: str, account: str | None = None, selector: str | None = None,
                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove the DKIM configuration of one domain.

        LuxSci `deleteDkim`, DELETE
        /perl/api/v2/account/{account}/dkim/{domain}

        Args:
            account: (path) the account (default: the client's account)
            domain: (path) path segment
            selector: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain, "selector": selector,
        })
        return await self.call("deleteDkim", files=files, **sent, **extra)

    async def create_custom_bounce_domain(self, *, account: str | None = None, domain: str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add a custom bounce domain (DKIM and DNS must already be in place).

        LuxSci `createCustomBounceDomain`, POST
        /perl/api/v2/account/{account}/bounce_domains

        Args:
            account: (path) the account (default: the client's account)
            domain: (body) text; at most 300 characters
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "domain": domain,
        })
        return await self.call("createCustomBounceDomain", files=files, **sent, **extra)

    async def delete_account_suppression(self, *, email: str, account: str | None = None,
                                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove one address from the account-level suppression list.

        LuxSci `deleteAccountSuppression`, DELETE
        /perl/api/v2/account/{account}/suppressions/{email}

        Args:
            account: (path) the account (default: the client's account)
            email: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email,
        })
        return await self.call("deleteAccountSuppression", files=files, **sent, **extra)

    async def get_account_suppression(self, *, email: str, account: str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one account-level suppression.

        LuxSci `getAccountSuppression`, GET
        /perl/api/v2/account/{account}/suppressions/{email}

        Args:
            account: (path) the account (default: the client's account)
            email: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email,
        })
        return await self.call("getAccountSuppression", files=files, **sent, **extra)

    async def get_account_suppression_list(self, *, account: str | None = None, email: str | None = None,
                                           reason: str | None = None, after_date: str | None = None,
                                           before_date: str | None = None, from_date: str | None = None,
                                           through_date: str | None = None, first_row: int | str | None = None,
                                           matches: int | str | None = None,
                                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List all account-level email suppressions.

        LuxSci `getAccountSuppressionList`, GET
        /perl/api/v2/account/{account}/suppressions

        Args:
            account: (path) the account (default: the client's account)
            email: (query) substring of the address, case-insensitive
            reason: (query) text
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "reason": reason, "after_date": after_date,
            "before_date": before_date, "from_date": from_date, "through_date": through_date,
            "first_row": first_row, "matches": matches,
        })
        return await self.call("getAccountSuppressionList", files=files, **sent, **extra)

    async def create_account_suppression(self, *, account: str | None = None, email: str | None = None,
                                         emails: list[Any] | str | None = None, reason: str | None = None,
                                         note: str | None = None, expires: str | None = None,
                                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add one or more account-level email suppressions.

        LuxSci `createAccountSuppression`, POST
        /perl/api/v2/account/{account}/suppressions

        Args:
            account: (path) the account (default: the client's account)
            email: (body) text
            emails: (body) any JSON value
            reason: (body) manual (default), bounce, complaint, unsubscribe
            note: (body) text
            expires: (body) DATETIME (GMT); absent = never
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "emails": emails, "reason": reason, "note": note,
            "expires": expires,
        })
        return await self.call("createAccountSuppression", files=files, **sent, **extra)

    async def create_or_update_secure_send_user(self, *, namespace_id: str, ss_user: str, account: str | None = None,
                                                name: str | None = None, password: str | None = None,
                                                enabled: bool | int | str | None = None,
                                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create or update a SecureSend user in a namespace (upsert).

        LuxSci `createOrUpdateSecureSendUser`, PUT
        /perl/api/v2/account/{account}/securesend/{namespace_id}/users/{ss_user}

        Args:
            account: (path) the account (default: the client's account)
            namespace_id: (path) path segment
            ss_user: (path) path segment
            name: (body) text
            password: (body) text
            enabled: (body) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "namespace_id": namespace_id, "ss_user": ss_user, "name": name,
            "password": password, "enabled": enabled,
        })
        return await self.call("createOrUpdateSecureSendUser", files=files, **sent, **extra)

    async def change_secure_send_user_password(self, *, namespace_id: str, ss_user: str, account: str | None = None,
                                               password: str | None = None,
                                               files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Set a SecureSend user's password.

        LuxSci `changeSecureSendUserPassword`, PUT
        /perl/api/v2/account/{account}/securesend/{namespace_id}/users/{ss_user}/password

        Args:
            account: (path) the account (default: the client's account)
            namespace_id: (path) path segment
            ss_user: (path) path segment
            password: (body) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "namespace_id": namespace_id, "ss_user": ss_user, "password": password,
        })
        return await self.call("changeSecureSendUserPassword", files=files, **sent, **extra)

    async def get_secure_send_user_single_sign_on_link(self, *, namespace_id: str, ss_user: str,
                                                       account: str | None = None,
                                                       files: list[tuple[str, bytes]] | None = None,
                                                       **extra: Any) -> Any:
        """Make a one-click login URL for the SecureSend portal.

        LuxSci `getSecureSendUserSingleSignOnLink`, GET
        /perl/api/v2/account/{account}/securesend/{namespace_id}/users/{ss_user}/sso

        Args:
            account: (path) the account (default: the client's account)
            namespace_id: (path) path segment
            ss_user: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "namespace_id": namespace_id, "ss_user": ss_user,
        })
        return await self.call("getSecureSendUserSingleSignOnLink", files=files, **sent, **extra)

    async def get_secure_send_user_list(self, *, namespace_id: str, account: str | None = None,
                                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List all users in a SecureSend namespace.

        LuxSci `getSecureSendUserList`, GET
        /perl/api/v2/account/{account}/securesend/{namespace_id}/users

        Args:
            account: (path) the account (default: the client's account)
            namespace_id: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "namespace_id": namespace_id,
        })
        return await self.call("getSecureSendUserList", files=files, **sent, **extra)

    async def add_marketing_list(self, *, account: str | None = None, name: str | None = None,
                                 description: str | None = None, from_name: str | None = None,
                                 from_address: str | None = None, reply_to: str | None = None,
                                 group_id: int | str | None = None, group: str | None = None,
                                 fields: list[Any] | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                 **extra: Any) -> Any:
        """Create a contact list.

        LuxSci `addMarketingList`, POST
        /perl/api/v2/account/{account}/marketing/lists

        Args:
            account: (path) the account (default: the client's account)
            name: (body) text
            description: (body) text
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            group: (body) text
            fields: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "name": name, "description": description, "from_name": from_name,
            "from_address": from_address, "reply_to": reply_to, "group_id": group_id, "group": group,
            "fields": fields,
        })
        return await self.call("addMarketingList", files=files, **sent, **extra)

    async def delete_marketing_list(self, *, list_id: int | str, account: str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a contact list.

        LuxSci `deleteMarketingList`, DELETE
        /perl/api/v2/account/{account}/marketing/lists/{list_id}

        Args:
            account: (path) the account (default: the client's account)
            list_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "list_id": list_id,
        })
        return await self.call("deleteMarketingList", files=files, **sent, **extra)

    async def delete_marketing_list_group(self, *, group_id: int | str, account: str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a group of contact lists.

        LuxSci `deleteMarketingListGroup`, DELETE
        /perl/api/v2/account/{account}/marketing/list_groups/{group_id}

        Args:
            account: (path) the account (default: the client's account)
            group_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "group_id": group_id,
        })
        return await self.call("deleteMarketingListGroup", files=files, **sent, **extra)

    async def get_marketing_lists(self, *, account: str | None = None, list_id: int | str | None = None,
                                  name: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                  **extra: Any) -> Any:
        """Read one or more contact lists.

        LuxSci `getMarketingLists`, GET
        /perl/api/v2/account/{account}/marketing/lists

        Args:
            account: (path) the account (default: the client's account)
            list_id: (query) an id; blank means not given
            name: (query) text
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "list_id": list_id, "name": name,
        })
        return await self.call("getMarketingLists", files=files, **sent, **extra)

    async def update_marketing_list(self, *, list_id: int | str, account: str | None = None, name: str | None = None,
                                    description: str | None = None, from_name: str | None = None,
                                    from_address: str | None = None, reply_to: str | None = None,
                                    group_id: int | str | None = None, group: str | None = None,
                                    fields: list[Any] | str | None = None,
                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change list details (e.g. From name/address) or assign custom fields.

        LuxSci `updateMarketingList`, PUT
        /perl/api/v2/account/{account}/marketing/lists/{list_id}

        Args:
            account: (path) the account (default: the client's account)
            list_id: (path) an id (a whole number)
            name: (body) text
            description: (body) text
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            group_id: (body) "" or 0: no group; an id; "" or 0 means none
            group: (body) text
            fields: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "list_id": list_id, "name": name, "description": description,
            "from_name": from_name, "from_address": from_address, "reply_to": reply_to, "group_id":
            group_id, "group": group, "fields": fields,
        })
        return await self.call("updateMarketingList", files=files, **sent, **extra)

    async def get_marketing_list_groups(self, *, account: str | None = None,
                                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List the contact list groups.

        LuxSci `getMarketingListGroups`, GET
        /perl/api/v2/account/{account}/marketing/list_groups

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return await self.call("getMarketingListGroups", files=files, **sent, **extra)

    async def add_marketing_contact(self, *, account: str | None = None, email: str | None = None,
                                    status: str | None = None, fields: dict[str, Any] | None = None,
                                    list_id: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                    **extra: Any) -> Any:
        """Add one new contact.

        LuxSci `addMarketingContact`, POST
        /perl/api/v2/account/{account}/marketing/contacts

        Args:
            account: (path) the account (default: the client's account)
            email: (body) text
            status: (body) subscribed (default) | unsubscribed | bounced | complained
            fields: (body) custom field name -> value, checked against the field's type
            list_id: (body) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "status": status, "fields": fields, "list_id": list_id,
        })
        return await self.call("addMarketingContact", files=files, **sent, **extra)

    async def add_marketing_contacts(self, *, account: str | None = None, contacts: list[Any] | None = None,
                                     list_id: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                     **extra: Any) -> Any:
        """Add many contacts at once (/bulk keeps it apart from addMarketingContact).

        LuxSci `addMarketingContacts`, POST
        /perl/api/v2/account/{account}/marketing/contacts/bulk

        Args:
            account: (path) the account (default: the client's account)
            contacts: (body) a list
            list_id: (body) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contacts": contacts, "list_id": list_id,
        })
        return await self.call("addMarketingContacts", files=files, **sent, **extra)

    async def get_marketing_contacts(self, *, account: str | None = None, list_id: int | str | None = None,
                                     status: str | None = None, email: str | None = None,
                                     after_date: str | None = None, before_date: str | None = None,
                                     from_date: str | None = None, through_date: str | None = None,
                                     first_row: int | str | None = None, matches: int | str | None = None,
                                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read contact data for one list or all lists; all filters optional.

        LuxSci `getMarketingContacts`, GET
        /perl/api/v2/account/{account}/marketing/contacts

        Args:
            account: (path) the account (default: the client's account)
            list_id: (query) an id; blank means not given
            status: (query) text
            email: (query) case-insensitive substring
            after_date: (query) bounds on `modified`
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "list_id": list_id, "status": status, "email": email, "after_date":
            after_date, "before_date": before_date, "from_date": from_date, "through_date":
            through_date, "first_row": first_row, "matches": matches,
        })
        return await self.call("getMarketingContacts", files=files, **sent, **extra)

    async def get_marketing_contact_by_id(self, *, contact_id: int | str, account: str | None = None,
                                          files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one contact by its ID.

        LuxSci `getMarketingContactById`, GET
        /perl/api/v2/account/{account}/marketing/contacts/{contact_id}

        Args:
            account: (path) the account (default: the client's account)
            contact_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contact_id": contact_id,
        })
        return await self.call("getMarketingContactById", files=files, **sent, **extra)

    async def update_marketing_contact_by_id(self, *, contact_id: int | str, account: str | None = None,
                                             email: str | None = None, status: str | None = None,
                                             fields: dict[str, Any] | None = None,
                                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change a contact, incl. custom field values, by its ID.

        LuxSci `updateMarketingContactById`, PUT
        /perl/api/v2/account/{account}/marketing/contacts/{contact_id}

        Args:
            account: (path) the account (default: the client's account)
            contact_id: (path) an id (a whole number)
            email: (body) text
            status: (body) subscribed (default) | unsubscribed | bounced | complained
            fields: (body) custom field name -> value, checked against the field's type
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contact_id": contact_id, "email": email, "status": status, "fields":
            fields,
        })
        return await self.call("updateMarketingContactById", files=files, **sent, **extra)

    async def update_marketing_contact_by_email(self, *, email: str, account: str | None = None,
                                                status: str | None = None, fields: dict[str, Any] | None = None,
                                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Change contacts with this address (/by_email avoids clash with the ID form).

        LuxSci `updateMarketingContactByEmail`, PUT
        /perl/api/v2/account/{account}/marketing/contacts/{email}/by_email

        Args:
            account: (path) the account (default: the client's account)
            email: (path) path segment
            status: (body) subscribed (default) | unsubscribed | bounced | complained
            fields: (body) custom field name -> value, checked against the field's type
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "status": status, "fields": fields,
        })
        return await self.call("updateMarketingContactByEmail", files=files, **sent, **extra)

    async def delete_marketing_contact_by_id(self, *, contact_id: int | str, account: str | None = None,
                                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a contact by its ID.

        LuxSci `deleteMarketingContactById`, DELETE
        /perl/api/v2/account/{account}/marketing/contacts/{contact_id}

        Args:
            account: (path) the account (default: the client's account)
            contact_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contact_id": contact_id,
        })
        return await self.call("deleteMarketingContactById", files=files, **sent, **extra)

    async def mark_contact_as_unsubscribed(self, *, contact_id: int | str, account: str | None = None,
                                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Set a contact's status to unsubscribed.

        LuxSci `markContactAsUnsubscribed`, PUT
        /perl/api/v2/account/{account}/marketing/contacts/{contact_id}/unsubscribe

        Args:
            account: (path) the account (default: the client's account)
            contact_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "contact_id": contact_id,
        })
        return await self.call("markContactAsUnsubscribed", files=files, **sent, **extra)

    async def get_marketing_campaigns(self, *, account: str | None = None, group: str | None = None,
                                      status: str | None = None, name: str | None = None,
                                      after_date: str | None = None, before_date: str | None = None,
                                      from_date: str | None = None, through_date: str | None = None,
                                      first_row: int | str | None = None, matches: int | str | None = None,
                                      files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read details of campaigns.

        LuxSci `getMarketingCampaigns`, GET
        /perl/api/v2/account/{account}/marketing/campaigns

        Args:
            account: (path) the account (default: the client's account)
            group: (query) text
            status: (query) text
            name: (query) case-insensitive substring
            after_date: (query) bounds on `modified`
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "group": group, "status": status, "name": name, "after_date":
            after_date, "before_date": before_date, "from_date": from_date, "through_date":
            through_date, "first_row": first_row, "matches": matches,
        })
        return await self.call("getMarketingCampaigns", files=files, **sent, **extra)

    async def add_marketing_campaign(self, *, account: str | None = None, name: str | None = None,
                                     subject: str | None = None, html: str | None = None, text: str | None = None,
                                     template_id: int | str | None = None, lists: list[Any] | str | None = None,
                                     from_name: str | None = None, from_address: str | None = None,
                                     reply_to: str | None = None, send_at: str | None = None,
                                     status: str | None = None, group: str | None = None,
                                     track_opens: Any | None = None, track_clicks: Any | None = None,
                                     files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Create an email broadcast campaign.

        LuxSci `addMarketingCampaign`, POST
        /perl/api/v2/account/{account}/marketing/campaigns

        Args:
            account: (path) the account (default: the client's account)
            name: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            template_id: (body) a stored template instead of inline html/text ("" or 0: none); an id; "" or 0 means
                none
            lists: (body) target list ids: a JSON list or "1,2"
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            send_at: (body) DATETIME (GMT) or "now" schedules; "" unschedules
            status: (body) only "cancelled" may be set by a client
            group: (body) v2 campaign group (a name; "" for none)
            track_opens: (body) any JSON value
            track_clicks: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "name": name, "subject": subject, "html": html, "text": text,
            "template_id": template_id, "lists": lists, "from_name": from_name, "from_address":
            from_address, "reply_to": reply_to, "send_at": send_at, "status": status, "group": group,
            "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return await self.call("addMarketingCampaign", files=files, **sent, **extra)

    async def update_marketing_campaign(self, *, campaign_id: int | str, account: str | None = None,
                                        name: str | None = None, subject: str | None = None, html: str | None = None,
                                        text: str | None = None, template_id: int | str | None = None,
                                        lists: list[Any] | str | None = None, from_name: str | None = None,
                                        from_address: str | None = None, reply_to: str | None = None,
                                        send_at: str | None = None, status: str | None = None,
                                        group: str | None = None, track_opens: Any | None = None,
                                        track_clicks: Any | None = None, files: list[tuple[str, bytes]] | None = None,
                                        **extra: Any) -> Any:
        """Change a campaign.

        LuxSci `updateMarketingCampaign`, PUT
        /perl/api/v2/account/{account}/marketing/campaigns/{campaign_id}

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (path) an id (a whole number)
            name: (body) text
            subject: (body) text
            html: (body) text
            text: (body) text
            template_id: (body) a stored template instead of inline html/text ("" or 0: none); an id; "" or 0 means
                none
            lists: (body) target list ids: a JSON list or "1,2"
            from_name: (body) text
            from_address: (body) text
            reply_to: (body) text
            send_at: (body) DATETIME (GMT) or "now" schedules; "" unschedules
            status: (body) only "cancelled" may be set by a client
            group: (body) v2 campaign group (a name; "" for none)
            track_opens: (body) any JSON value
            track_clicks: (body) any JSON value
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "name": name, "subject": subject, "html":
            html, "text": text, "template_id": template_id, "lists": lists, "from_name": from_name,
            "from_address": from_address, "reply_to": reply_to, "send_at": send_at, "status": status,
            "group": group, "track_opens": track_opens, "track_clicks": track_clicks,
        })
        return await self.call("updateMarketingCampaign", files=files, **sent, **extra)

    async def delete_marketing_campaign(self, *, campaign_id: int | str, account: str | None = None,
                                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Delete a campaign.

        LuxSci `deleteMarketingCampaign`, DELETE
        /perl/api/v2/account/{account}/marketing/campaigns/{campaign_id}

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id,
        })
        return await self.call("deleteMarketingCampaign", files=files, **sent, **extra)

    async def schedule_marketing_campaign(self, *, campaign_id: int | str, account: str | None = None,
                                          send_at: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                          **extra: Any) -> Any:
        """Schedule a campaign for sending.

        LuxSci `scheduleMarketingCampaign`, POST
        /perl/api/v2/account/{account}/marketing/campaigns/{campaign_id}/schedule

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (path) an id (a whole number)
            send_at: (body) DATETIME (GMT); omitted or past: now
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "send_at": send_at,
        })
        return await self.call("scheduleMarketingCampaign", files=files, **sent, **extra)

    async def get_marketing_campaign_groups(self, *, account: str | None = None,
                                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List the campaign groups.

        LuxSci `getMarketingCampaignGroups`, GET
        /perl/api/v2/account/{account}/marketing/campaign_groups

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return await self.call("getMarketingCampaignGroups", files=files, **sent, **extra)

    async def get_marketing_scheduled_campaigns(self, *, account: str | None = None,
                                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List scheduled campaigns (literal /scheduled; no GET by campaign ID in v2).

        LuxSci `getMarketingScheduledCampaigns`, GET
        /perl/api/v2/account/{account}/marketing/campaigns/scheduled

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return await self.call("getMarketingScheduledCampaigns", files=files, **sent, **extra)

    async def add_new_marketing_suppression(self, *, account: str | None = None, email: str | None = None,
                                            emails: list[Any] | str | None = None, reason: str | None = None,
                                            note: str | None = None, expires: str | None = None,
                                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Add a marketing-only suppression.

        LuxSci `addNewMarketingSuppression`, POST
        /perl/api/v2/account/{account}/marketing/suppressions

        Args:
            account: (path) the account (default: the client's account)
            email: (body) text
            emails: (body) any JSON value
            reason: (body) manual (default), bounce, complaint, unsubscribe
            note: (body) text
            expires: (body) DATETIME (GMT); absent = never
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "emails": emails, "reason": reason, "note": note,
            "expires": expires,
        })
        return await self.call("addNewMarketingSuppression", files=files, **sent, **extra)

    async def get_marketing_suppressions(self, *, account: str | None = None, email: str | None = None,
                                         first_row: int | str | None = None, matches: int | str | None = None,
                                         files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """List marketing-only suppressions.

        LuxSci `getMarketingSuppressions`, GET
        /perl/api/v2/account/{account}/marketing/suppressions

        Args:
            account: (path) the account (default: the client's account)
            email: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email, "first_row": first_row, "matches": matches,
        })
        return await self.call("getMarketingSuppressions", files=files, **sent, **extra)

    async def delete_marketing_suppression(self, *, email: str, account: str | None = None,
                                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove a marketing-only suppression.

        LuxSci `deleteMarketingSuppression`, DELETE
        /perl/api/v2/account/{account}/marketing/suppressions/{email}

        Args:
            account: (path) the account (default: the client's account)
            email: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "email": email,
        })
        return await self.call("deleteMarketingSuppression", files=files, **sent, **extra)

    async def get_marketing_campaign_statistics_summary(self, *, account: str | None = None,
                                                        campaign_id: list[Any] | None = None,
                                                        files: list[tuple[str, bytes]] | None = None,
                                                        **extra: Any) -> Any:
        """Summary statistics of campaign(s) given in the query.

        LuxSci `getMarketingCampaignStatisticsSummary`, GET
        /perl/api/v2/account/{account}/marketing/reports/summary

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (query) a list
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id,
        })
        return await self.call("getMarketingCampaignStatisticsSummary", files=files, **sent, **extra)

    async def get_marketing_campaign_bounced_statistics(self, *, account: str | None = None,
                                                        campaign_id: list[Any] | None = None,
                                                        after_date: str | None = None, before_date: str | None = None,
                                                        from_date: str | None = None, through_date: str | None = None,
                                                        first_row: int | str | None = None,
                                                        matches: int | str | None = None,
                                                        files: list[tuple[str, bytes]] | None = None,
                                                        **extra: Any) -> Any:
        """Bounce statistics of campaign(s) given in the query.

        LuxSci `getMarketingCampaignBouncedStatistics`, GET
        /perl/api/v2/account/{account}/marketing/reports/bounces

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getMarketingCampaignBouncedStatistics", files=files, **sent, **extra)

    async def get_marketing_campaign_opened_statistics(self, *, account: str | None = None,
                                                       campaign_id: list[Any] | None = None,
                                                       after_date: str | None = None, before_date: str | None = None,
                                                       from_date: str | None = None, through_date: str | None = None,
                                                       first_row: int | str | None = None,
                                                       matches: int | str | None = None,
                                                       files: list[tuple[str, bytes]] | None = None,
                                                       **extra: Any) -> Any:
        """Open statistics of campaign(s) given in the query.

        LuxSci `getMarketingCampaignOpenedStatistics`, GET
        /perl/api/v2/account/{account}/marketing/reports/opened

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getMarketingCampaignOpenedStatistics", files=files, **sent, **extra)

    async def get_marketing_campaign_clicked_statistics(self, *, account: str | None = None,
                                                        campaign_id: list[Any] | None = None,
                                                        after_date: str | None = None, before_date: str | None = None,
                                                        from_date: str | None = None, through_date: str | None = None,
                                                        first_row: int | str | None = None,
                                                        matches: int | str | None = None,
                                                        files: list[tuple[str, bytes]] | None = None,
                                                        **extra: Any) -> Any:
        """Click statistics of campaign(s) given in the query.

        LuxSci `getMarketingCampaignClickedStatistics`, GET
        /perl/api/v2/account/{account}/marketing/reports/clicked

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getMarketingCampaignClickedStatistics", files=files, **sent, **extra)

    async def get_marketing_campaign_unsubscribed_statistics(self, *, account: str | None = None,
                                                             campaign_id: list[Any] | None = None,
                                                             after_date: str | None = None,
                                                             before_date: str | None = None,
                                                             from_date: str | None = None,
                                                             through_date: str | None = None,
                                                             first_row: int | str | None = None,
                                                             matches: int | str | None = None,
                                                             files: list[tuple[str, bytes]] | None = None,
                                                             **extra: Any) -> Any:
        """Unsubscribe statistics of campaign(s) given in the query.

        LuxSci `getMarketingCampaignUnsubscribedStatistics`, GET
        /perl/api/v2/account/{account}/marketing/reports/unsubscribed

        Args:
            account: (path) the account (default: the client's account)
            campaign_id: (query) a list
            after_date: (query) text
            before_date: (query) text
            from_date: (query) text
            through_date: (query) text
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "campaign_id": campaign_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "first_row": first_row,
            "matches": matches,
        })
        return await self.call("getMarketingCampaignUnsubscribedStatistics", files=files, **sent, **extra)

    async def get_secure_form_list(self, *, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                   **extra: Any) -> Any:
        """List all Secure Form configurations of the account.

        LuxSci `getSecureFormList`, GET
        /perl/api/v2/account/{account}/secureforms

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return await self.call("getSecureFormList", files=files, **sent, **extra)

    async def get_secure_form(self, *, form_id: int | str, account: str | None = None,
                              files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one Secure Form configuration.

        LuxSci `getSecureForm`, GET
        /perl/api/v2/account/{account}/secureforms/{form_id}

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id,
        })
        return await self.call("getSecureForm", files=files, **sent, **extra)

    async def get_secure_form_database_posts(self, *, form_id: int | str, account: str | None = None,
                                             after_date: str | None = None, before_date: str | None = None,
                                             from_date: str | None = None, through_date: str | None = None,
                                             after_row: int | str | None = None, first_row: int | str | None = None,
                                             matches: int | str | None = None,
                                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Post metadata in a form's database, for finding new rows to sync.

        LuxSci `getSecureFormDatabasePosts`, GET
        /perl/api/v2/account/{account}/secureforms/{form_id}/posts

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            after_row: (query) only rows with a larger row_id: what a sync has not seen yet; an id; blank means not
                given
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "after_row": after_row,
            "first_row": first_row, "matches": matches,
        })
        return await self.call("getSecureFormDatabasePosts", files=files, **sent, **extra)

    async def get_secure_form_database_rows(self, *, form_id: int | str, account: str | None = None,
                                            after_date: str | None = None, before_date: str | None = None,
                                            from_date: str | None = None, through_date: str | None = None,
                                            after_row: int | str | None = None, first_row: int | str | None = None,
                                            matches: int | str | None = None,
                                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Full content of the form's database rows matching a query.

        LuxSci `getSecureFormDatabaseRows`, GET
        /perl/api/v2/account/{account}/secureforms/{form_id}/rows

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT)
            after_row: (query) only rows with a larger row_id: what a sync has not seen yet; an id; blank means not
                given
            first_row: (query) a whole number, 0 or more
            matches: (query) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "after_date": after_date, "before_date":
            before_date, "from_date": from_date, "through_date": through_date, "after_row": after_row,
            "first_row": first_row, "matches": matches,
        })
        return await self.call("getSecureFormDatabaseRows", files=files, **sent, **extra)

    async def get_secure_form_database_row(self, *, form_id: int | str, row_id: int | str, account: str | None = None,
                                           files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Read one database row by its index.

        LuxSci `getSecureFormDatabaseRow`, GET
        /perl/api/v2/account/{account}/secureforms/{form_id}/rows/{row_id}

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            row_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "row_id": row_id,
        })
        return await self.call("getSecureFormDatabaseRow", files=files, **sent, **extra)

    async def delete_secure_form_database_row(self, *, form_id: int | str, row_id: int | str,
                                              account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                              **extra: Any) -> Any:
        """Delete one database row by its index.

        LuxSci `deleteSecureFormDatabaseRow`, DELETE
        /perl/api/v2/account/{account}/secureforms/{form_id}/rows/{row_id}

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            row_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "row_id": row_id,
        })
        return await self.call("deleteSecureFormDatabaseRow", files=files, **sent, **extra)

    async def get_secure_form_database_file(self, *, form_id: int | str, row_id: int | str, file_id: int | str,
                                            account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                                            **extra: Any) -> Any:
        """Download a file attached to a database row.

        LuxSci `getSecureFormDatabaseFile`, GET
        /perl/api/v2/account/{account}/secureforms/{form_id}/rows/{row_id}/file/{file_id}

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            row_id: (path) an id (a whole number)
            file_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "row_id": row_id, "file_id": file_id,
        })
        return await self.call("getSecureFormDatabaseFile", files=files, **sent, **extra)

    async def delete_secure_form_database_file(self, *, form_id: int | str, row_id: int | str, file_id: int | str,
                                               account: str | None = None,
                                               files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Remove a file attached to a database row.

        LuxSci `deleteSecureFormDatabaseFile`, DELETE
        /perl/api/v2/account/{account}/secureforms/{form_id}/rows/{row_id}/file/{file_id}

        Args:
            account: (path) the account (default: the client's account)
            form_id: (path) an id (a whole number)
            row_id: (path) an id (a whole number)
            file_id: (path) an id (a whole number)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "form_id": form_id, "row_id": row_id, "file_id": file_id,
        })
        return await self.call("deleteSecureFormDatabaseFile", files=files, **sent, **extra)

    async def get_servers(self, *, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                          **extra: Any) -> Any:
        """List the dedicated servers of the account.

        LuxSci `getServers`, GET
        /perl/api/v2/account/{account}/servers

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return await self.call("getServers", files=files, **sent, **extra)

    async def get_server_status(self, *, server_id: str, account: str | None = None,
                                files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Current status of one dedicated server.

        LuxSci `getServerStatus`, GET
        /perl/api/v2/account/{account}/servers/{server_id}/status

        Args:
            account: (path) the account (default: the client's account)
            server_id: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "server_id": server_id,
        })
        return await self.call("getServerStatus", files=files, **sent, **extra)

    async def server_empty_all_email_queues(self, *, server_id: str, account: str | None = None,
                                            files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Purge every message from all email queues (/all: unlike the plain purge).

        LuxSci `serverEmptyAllEmailQueues`, DELETE
        /perl/api/v2/account/{account}/servers/{server_id}/queues/all

        Args:
            account: (path) the account (default: the client's account)
            server_id: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "server_id": server_id,
        })
        return await self.call("serverEmptyAllEmailQueues", files=files, **sent, **extra)

    async def server_empty_email_queues(self, *, server_id: str, account: str | None = None,
                                        files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Purge unprocessed messages from all email queues.

        LuxSci `serverEmptyEmailQueues`, DELETE
        /perl/api/v2/account/{account}/servers/{server_id}/queues

        Args:
            account: (path) the account (default: the client's account)
            server_id: (path) path segment
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "server_id": server_id,
        })
        return await self.call("serverEmptyEmailQueues", files=files, **sent, **extra)

    async def set_server_sendng_rate(self, *, server_id: str, account: str | None = None,
                                     rate: int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                                     **extra: Any) -> Any:
        """Set the email processing/sending rate limits of a server.

        LuxSci `setServerSendngRate`, PUT
        /perl/api/v2/account/{account}/servers/{server_id}/rate

        Args:
            account: (path) the account (default: the client's account)
            server_id: (path) path segment
            rate: (body) a whole number, 0 or more
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "server_id": server_id, "rate": rate,
        })
        return await self.call("setServerSendngRate", files=files, **sent, **extra)

    async def get_email_smtp_sent_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                                 before_date: str | None = None, from_date: str | None = None,
                                                 through_date: str | None = None, first_row: int | str | None = None,
                                                 matches: int | str | None = None, sender: str | None = None,
                                                 user: str | None = None, message_id: str | None = None,
                                                 queue_id: str | None = None, channel: str | None = None,
                                                 status: str | None = None, destination: str | None = None,
                                                 destination_hostname: str | None = None,
                                                 destination_port: int | str | None = None,
                                                 destination_path: str | None = None,
                                                 destination_username: str | None = None,
                                                 destination_password: str | None = None,
                                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Messages sent via SMTP or API by the account.

        LuxSci `getEmailSMTPSentReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/sent

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            status: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "user": user, "message_id": message_id, "queue_id": queue_id, "channel":
            channel, "status": status, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return await self.call("getEmailSMTPSentReportAccount", files=files, **sent, **extra)

    async def get_email_smtp_delivery_status_report_account(self, *, account: str | None = None,
                                                            after_date: str | None = None,
                                                            before_date: str | None = None,
                                                            from_date: str | None = None,
                                                            through_date: str | None = None,
                                                            first_row: int | str | None = None,
                                                            matches: int | str | None = None,
                                                            sender: str | None = None, recipient: str | None = None,
                                                            status: str | None = None, user: str | None = None,
                                                            message_id: str | None = None, queue_id: str | None = None,
                                                            channel: str | None = None, destination: str | None = None,
                                                            destination_hostname: str | None = None,
                                                            destination_port: int | str | None = None,
                                                            destination_path: str | None = None,
                                                            destination_username: str | None = None,
                                                            destination_password: str | None = None,
                                                            files: list[tuple[str, bytes]] | None = None,
                                                            **extra: Any) -> Any:
        """Per-recipient delivery status of SMTP messages sent by the account.

        LuxSci `getEmailSMTPDeliveryStatusReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/delivery

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            status: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "status": status, "user": user, "message_id":
            message_id, "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPDeliveryStatusReportAccount", files=files, **sent, **extra)

    async def get_email_smtp_delivery_status_summary_report_account(self, *, account: str | None = None,
                                                                    after_date: str | None = None,
                                                                    before_date: str | None = None,
                                                                    from_date: str | None = None,
                                                                    through_date: str | None = None,
                                                                    first_row: int | str | None = None,
                                                                    matches: int | str | None = None,
                                                                    destination: str | None = None,
                                                                    destination_hostname: str | None = None,
                                                                    destination_port: int | str | None = None,
                                                                    destination_path: str | None = None,
                                                                    destination_username: str | None = None,
                                                                    destination_password: str | None = None,
                                                                    files: list[tuple[str, bytes]] | None = None,
                                                                    **extra: Any) -> Any:
        """Delivery/open/click/encryption/suppression totals, SMTP, the account.

        LuxSci `getEmailSMTPDeliveryStatusSummaryReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/delivery/summary

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPDeliveryStatusSummaryReportAccount", files=files, **sent, **extra)

    async def get_email_smtp_click_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                                  before_date: str | None = None, from_date: str | None = None,
                                                  through_date: str | None = None, first_row: int | str | None = None,
                                                  matches: int | str | None = None, sender: str | None = None,
                                                  recipient: str | None = None, user: str | None = None,
                                                  classification: str | None = None, url: str | None = None,
                                                  destination: str | None = None,
                                                  destination_hostname: str | None = None,
                                                  destination_port: int | str | None = None,
                                                  destination_path: str | None = None,
                                                  destination_username: str | None = None,
                                                  destination_password: str | None = None,
                                                  files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked URL clicks (or none) on SMTP messages of the account.

        LuxSci `getEmailSMTPClickReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/clicks

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            url: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "url": url, "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPClickReportAccount", files=files, **sent, **extra)

    async def get_email_smtp_click_summary_report_account(self, *, account: str | None = None,
                                                          after_date: str | None = None,
                                                          before_date: str | None = None, from_date: str | None = None,
                                                          through_date: str | None = None,
                                                          first_row: int | str | None = None,
                                                          matches: int | str | None = None,
                                                          destination: str | None = None,
                                                          destination_hostname: str | None = None,
                                                          destination_port: int | str | None = None,
                                                          destination_path: str | None = None,
                                                          destination_username: str | None = None,
                                                          destination_password: str | None = None,
                                                          files: list[tuple[str, bytes]] | None = None,
                                                          **extra: Any) -> Any:
        """Count of URL clicks on SMTP messages in a period, the account.

        LuxSci `getEmailSMTPClickSummaryReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/clicks/summary

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPClickSummaryReportAccount", files=files, **sent, **extra)

    async def get_email_smtp_open_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                                 before_date: str | None = None, from_date: str | None = None,
                                                 through_date: str | None = None, first_row: int | str | None = None,
                                                 matches: int | str | None = None, sender: str | None = None,
                                                 recipient: str | None = None, user: str | None = None,
                                                 classification: str | None = None, destination: str | None = None,
                                                 destination_hostname: str | None = None,
                                                 destination_port: int | str | None = None,
                                                 destination_path: str | None = None,
                                                 destination_username: str | None = None,
                                                 destination_password: str | None = None,
                                                 files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Tracked opens (or none) of SMTP messages of the account.

        LuxSci `getEmailSMTPOpenReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/opens

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPOpenReportAccount", files=files, **sent, **extra)

    async def get_email_smtp_open_summary_report_account(self, *, account: str | None = None,
                                                         after_date: str | None = None, before_date: str | None = None,
                                                         from_date: str | None = None, through_date: str | None = None,
                                                         first_row: int | str | None = None,
                                                         matches: int | str | None = None,
                                                         destination: str | None = None,
                                                         destination_hostname: str | None = None,
                                                         destination_port: int | str | None = None,
                                                         destination_path: str | None = None,
                                                         destination_username: str | None = None,
                                                         destination_password: str | None = None,
                                                         files: list[tuple[str, bytes]] | None = None,
                                                         **extra: Any) -> Any:
        """Count of opens of SMTP messages in a period, the account.

        LuxSci `getEmailSMTPOpenSummaryReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/opens/summary

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPOpenSummaryReportAccount", files=files, **sent, **extra)

    async def get_email_web_mail_sent_report_account(self, *, account: str | None = None,
                                                     after_date: str | None = None, before_date: str | None = None,
                                                     from_date: str | None = None, through_date: str | None = None,
                                                     first_row: int | str | None = None,
                                                     matches: int | str | None = None, sender: str | None = None,
                                                     user: str | None = None, message_id: str | None = None,
                                                     queue_id: str | None = None, channel: str | None = None,
                                                     status: str | None = None, destination: str | None = None,
                                                     destination_hostname: str | None = None,
                                                     destination_port: int | str | None = None,
                                                     destination_path: str | None = None,
                                                     destination_username: str | None = None,
                                                     destination_password: str | None = None,
                                                     files: list[tuple[str, bytes]] | None = None,
                                                     **extra: Any) -> Any:
        """Messages sent via WebMail by the account.

        LuxSci `getEmailWebMailSentReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/webmail/sent

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            status: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "user": user, "message_id": message_id, "queue_id": queue_id, "channel":
            channel, "status": status, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return await self.call("getEmailWebMailSentReportAccount", files=files, **sent, **extra)

    async def get_email_web_mail_delivery_status_report_account(self, *, account: str | None = None,
                                                                after_date: str | None = None,
                                                                before_date: str | None = None,
                                                                from_date: str | None = None,
                                                                through_date: str | None = None,
                                                                first_row: int | str | None = None,
                                                                matches: int | str | None = None,
                                                                sender: str | None = None,
                                                                recipient: str | None = None,
                                                                status: str | None = None, user: str | None = None,
                                                                message_id: str | None = None,
                                                                queue_id: str | None = None,
                                                                channel: str | None = None,
                                                                destination: str | None = None,
                                                                destination_hostname: str | None = None,
                                                                destination_port: int | str | None = None,
                                                                destination_path: str | None = None,
                                                                destination_username: str | None = None,
                                                                destination_password: str | None = None,
                                                                files: list[tuple[str, bytes]] | None = None,
                                                                **extra: Any) -> Any:
        """Per-recipient delivery status of WebMail messages of the account.

        LuxSci `getEmailWebMailDeliveryStatusReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/webmail/delivery

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            status: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "status": status, "user": user, "message_id":
            message_id, "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return await self.call("getEmailWebMailDeliveryStatusReportAccount", files=files, **sent, **extra)

    async def get_email_web_mail_click_report_account(self, *, account: str | None = None,
                                                      after_date: str | None = None, before_date: str | None = None,
                                                      from_date: str | None = None, through_date: str | None = None,
                                                      first_row: int | str | None = None,
                                                      matches: int | str | None = None, sender: str | None = None,
                                                      recipient: str | None = None, user: str | None = None,
                                                      classification: str | None = None, url: str | None = None,
                                                      destination: str | None = None,
                                                      destination_hostname: str | None = None,
                                                      destination_port: int | str | None = None,
                                                      destination_path: str | None = None,
                                                      destination_username: str | None = None,
                                                      destination_password: str | None = None,
                                                      files: list[tuple[str, bytes]] | None = None,
                                                      **extra: Any) -> Any:
        """Tracked URL clicks (or none) on WebMail messages of the account.

        LuxSci `getEmailWebMailClickReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/webmail/clicks

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            url: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "url": url, "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailWebMailClickReportAccount", files=files, **sent, **extra)

    async def get_email_web_mail_open_report_account(self, *, account: str | None = None,
                                                     after_date: str | None = None, before_date: str | None = None,
                                                     from_date: str | None = None, through_date: str | None = None,
                                                     first_row: int | str | None = None,
                                                     matches: int | str | None = None, sender: str | None = None,
                                                     recipient: str | None = None, user: str | None = None,
                                                     classification: str | None = None, destination: str | None = None,
                                                     destination_hostname: str | None = None,
                                                     destination_port: int | str | None = None,
                                                     destination_path: str | None = None,
                                                     destination_username: str | None = None,
                                                     destination_password: str | None = None,
                                                     files: list[tuple[str, bytes]] | None = None,
                                                     **extra: Any) -> Any:
        """Tracked opens (or none) of WebMail messages of the account.

        LuxSci `getEmailWebMailOpenReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/webmail/opens

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            classification: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "classification": classification,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailWebMailOpenReportAccount", files=files, **sent, **extra)

    async def get_email_feed_back_loops_report_account(self, *, account: str | None = None,
                                                       after_date: str | None = None, before_date: str | None = None,
                                                       from_date: str | None = None, through_date: str | None = None,
                                                       first_row: int | str | None = None,
                                                       matches: int | str | None = None, sender: str | None = None,
                                                       recipient: str | None = None, user: str | None = None,
                                                       provider: str | None = None, status: str | None = None,
                                                       kind: str | None = None, destination: str | None = None,
                                                       destination_hostname: str | None = None,
                                                       destination_port: int | str | None = None,
                                                       destination_path: str | None = None,
                                                       destination_username: str | None = None,
                                                       destination_password: str | None = None,
                                                       files: list[tuple[str, bytes]] | None = None,
                                                       **extra: Any) -> Any:
        """Messages of the account reported as spam via feedback loops.

        LuxSci `getEmailFeedBackLoopsReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/fbl

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            provider: (query) filter
            status: (query) filter
            kind: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "provider": provider, "status":
            status, "kind": kind, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return await self.call("getEmailFeedBackLoopsReportAccount", files=files, **sent, **extra)

    async def get_email_feed_back_loops_summary_report_account(self, *, account: str | None = None,
                                                               after_date: str | None = None,
                                                               before_date: str | None = None,
                                                               from_date: str | None = None,
                                                               through_date: str | None = None,
                                                               first_row: int | str | None = None,
                                                               matches: int | str | None = None,
                                                               destination: str | None = None,
                                                               destination_hostname: str | None = None,
                                                               destination_port: int | str | None = None,
                                                               destination_path: str | None = None,
                                                               destination_username: str | None = None,
                                                               destination_password: str | None = None,
                                                               files: list[tuple[str, bytes]] | None = None,
                                                               **extra: Any) -> Any:
        """Count of feedback-loop spam complaints in a period, the account.

        LuxSci `getEmailFeedBackLoopsSummaryReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/fbl/summary

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getEmailFeedBackLoopsSummaryReportAccount", files=files, **sent, **extra)

    async def get_account_suppression_report(self, *, account: str | None = None, after_date: str | None = None,
                                             before_date: str | None = None, from_date: str | None = None,
                                             through_date: str | None = None, first_row: int | str | None = None,
                                             matches: int | str | None = None, reason: str | None = None,
                                             email: str | None = None, destination: str | None = None,
                                             destination_hostname: str | None = None,
                                             destination_port: int | str | None = None,
                                             destination_path: str | None = None,
                                             destination_username: str | None = None,
                                             destination_password: str | None = None,
                                             files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """Report of account-level email suppressions.

        LuxSci `getAccountSuppressionReport`, GET
        /perl/api/v2/account/{account}/report/suppressions

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            reason: (query) filter
            email: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "reason": reason, "email": email, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return await self.call("getAccountSuppressionReport", files=files, **sent, **extra)

    async def get_account_suppression_summary_report(self, *, account: str | None = None,
                                                     after_date: str | None = None, before_date: str | None = None,
                                                     from_date: str | None = None, through_date: str | None = None,
                                                     first_row: int | str | None = None,
                                                     matches: int | str | None = None, destination: str | None = None,
                                                     destination_hostname: str | None = None,
                                                     destination_port: int | str | None = None,
                                                     destination_path: str | None = None,
                                                     destination_username: str | None = None,
                                                     destination_password: str | None = None,
                                                     files: list[tuple[str, bytes]] | None = None,
                                                     **extra: Any) -> Any:
        """Number of account-level suppressions created in a period.

        LuxSci `getAccountSuppressionSummaryReport`, GET
        /perl/api/v2/account/{account}/report/suppressions/summary

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "destination": destination, "destination_hostname": destination_hostname,
            "destination_port": destination_port, "destination_path": destination_path,
            "destination_username": destination_username, "destination_password": destination_password,
        })
        return await self.call("getAccountSuppressionSummaryReport", files=files, **sent, **extra)

    async def get_email_smtp_temp_fail_report_account(self, *, account: str | None = None,
                                                      after_date: str | None = None, before_date: str | None = None,
                                                      from_date: str | None = None, through_date: str | None = None,
                                                      first_row: int | str | None = None,
                                                      matches: int | str | None = None, sender: str | None = None,
                                                      recipient: str | None = None, user: str | None = None,
                                                      message_id: str | None = None, queue_id: str | None = None,
                                                      channel: str | None = None, destination: str | None = None,
                                                      destination_hostname: str | None = None,
                                                      destination_port: int | str | None = None,
                                                      destination_path: str | None = None,
                                                      destination_username: str | None = None,
                                                      destination_password: str | None = None,
                                                      files: list[tuple[str, bytes]] | None = None,
                                                      **extra: Any) -> Any:
        """Temporary delivery failures met by SMTP messages of the account.

        LuxSci `getEmailSMTPTempFailReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/tempfail

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            sender: (query) filter
            recipient: (query) filter
            user: (query) filter
            message_id: (query) filter
            queue_id: (query) filter
            channel: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches,
            "sender": sender, "recipient": recipient, "user": user, "message_id": message_id,
            "queue_id": queue_id, "channel": channel, "destination": destination,
            "destination_hostname": destination_hostname, "destination_port": destination_port,
            "destination_path": destination_path, "destination_username": destination_username,
            "destination_password": destination_password,
        })
        return await self.call("getEmailSMTPTempFailReportAccount", files=files, **sent, **extra)

    async def get_smtp_login_failure_report_account(self, *, account: str | None = None, after_date: str | None = None,
                                                    before_date: str | None = None, from_date: str | None = None,
                                                    through_date: str | None = None,
                                                    first_row: int | str | None = None,
                                                    matches: int | str | None = None, type: str | None = None,
                                                    login: str | None = None, destination: str | None = None,
                                                    destination_hostname: str | None = None,
                                                    destination_port: int | str | None = None,
                                                    destination_path: str | None = None,
                                                    destination_username: str | None = None,
                                                    destination_password: str | None = None,
                                                    files: list[tuple[str, bytes]] | None = None, **extra: Any) -> Any:
        """SMTP login failures and send rejections across the account.

        LuxSci `getSMTPLoginFailureReportAccount`, GET
        /perl/api/v2/account/{account}/report/email/smtp/loginfail

        Args:
            account: (path) the account (default: the client's account)
            after_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly after
            before_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); strictly before
            from_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); from (inclusive)
            through_date: (query) a date-time YYYY-MM-DD HH:MM:SS (GMT); through (inclusive)
            first_row: (query) a whole number, 0 or more; rows to skip
            matches: (query) a whole number, 0 or more; rows to return
            type: (query) filter
            login: (query) filter
            destination: (query) local, http or https: run as a job and deliver the CSV there
            destination_hostname: (query) job destination host
            destination_port: (query) job destination port
            destination_path: (query) job destination path
            destination_username: (query) job destination login
            destination_password: (query) job destination password
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "after_date": after_date, "before_date": before_date, "from_date":
            from_date, "through_date": through_date, "first_row": first_row, "matches": matches, "type":
            type, "login": login, "destination": destination, "destination_hostname":
            destination_hostname, "destination_port": destination_port, "destination_path":
            destination_path, "destination_username": destination_username, "destination_password":
            destination_password,
        })
        return await self.call("getSMTPLoginFailureReportAccount", files=files, **sent, **extra)

    async def get_account_jobs(self, *, account: str | None = None, files: list[tuple[str, bytes]] | None = None,
                               **extra: Any) -> Any:
        """The account's asynchronous report jobs from the last 7 days.

        LuxSci `getAccountJobs`, GET
        /perl/api/v2/account/{account}/report/jobs

        Args:
            account: (path) the account (default: the client's account)
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account,
        })
        return await self.call("getAccountJobs", files=files, **sent, **extra)

    async def get_account_job(self, *, job_id: int | str, account: str | None = None,
                              download: bool | int | str | None = None, files: list[tuple[str, bytes]] | None = None,
                              **extra: Any) -> Any:
        """Status and details of one asynchronous report job of the account.

        LuxSci `getAccountJob`, GET
        /perl/api/v2/account/{account}/report/jobs/{job_id}

        Args:
            account: (path) the account (default: the client's account)
            job_id: (path) an id (a whole number)
            download: (query) a flag: 1/0, true/false, yes/no, on/off
            files: (name, bytes) pairs sent as multipart `files` parts.
            extra: any other key, passed through as given.
        """
        sent = _given({
            "account": account, "job_id": job_id, "download": download,
        })
        return await self.call("getAccountJob", files=files, **sent, **extra)
