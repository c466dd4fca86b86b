// Passkeys (WebAuthn) for IdentityHub's pages. Each <form data-passkey="create|get"> asks the server for
// options (data-options-url), hands them to the browser, puts the browser's answer (JSON) into the
// field marked data-passkey-credential and submits the form. Without WebAuthn the forms stay hidden.
// The messages are the page's, in the reader's language: data-message-get, -create, -exists, -network.
(function () {
    "use strict";
    if (window.identityHubPasskeys) {
        return;
    }
    window.identityHubPasskeys = true;

    function message(form, name) {
        return form.getAttribute("data-message-" + name) || form.getAttribute("data-message-get") || "";
    }

    function toBase64Url(buffer) {
        var bytes = new Uint8Array(buffer), text = "";
        for (var i = 0; i < bytes.length; i++) {
            text += String.fromCharCode(bytes[i]);
        }
        return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    function fromBase64Url(value) {
        var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
        var text = atob(base64 + "===".slice((base64.length + 3) % 4));
        var bytes = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i++) {
            bytes[i] = text.charCodeAt(i);
        }
        return bytes.buffer;
    }

    function withBuffers(descriptors) {
        return (descriptors || []).map(function (d) {
            return Object.assign({}, d, { id: fromBase64Url(d.id) });
        });
    }

    // The options as the browser wants them; the JSON parsers where the browser has them.
    function creationOptions(json) {
        if (PublicKeyCredential.parseCreationOptionsFromJSON) {
            return PublicKeyCredential.parseCreationOptionsFromJSON(json);
        }
        return Object.assign({}, json, {
            challenge: fromBase64Url(json.challenge),
            user: Object.assign({}, json.user, { id: fromBase64Url(json.user.id) }),
            excludeCredentials: withBuffers(json.excludeCredentials)
        });
    }

    function requestOptions(json) {
        if (PublicKeyCredential.parseRequestOptionsFromJSON) {
            return PublicKeyCredential.parseRequestOptionsFromJSON(json);
        }
        return Object.assign({}, json, {
            challenge: fromBase64Url(json.challenge),
            allowCredentials: withBuffers(json.allowCredentials)
        });
    }

    function credentialJson(credential) {
        if (typeof credential.toJSON === "function") {
            return JSON.stringify(credential.toJSON());
        }
        var r = credential.response, response = { clientDataJSON: toBase64Url(r.clientDataJSON) };
        if (r.attestationObject) {
            response.attestationObject = toBase64Url(r.attestationObject);
            response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
        } else {
            response.authenticatorData = toBase64Url(r.authenticatorData);
            response.signature = toBase64Url(r.signature);
            response.userHandle = r.userHandle ? toBase64Url(r.userHandle) : null;
        }
        return JSON.stringify({
            id: credential.id,
            rawId: toBase64Url(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment || null,
            response: response,
            clientExtensionResults: credential.getClientExtensionResults()
        });
    }

    function showError(form, text) {
        var box = form.querySelector("[data-passkey-error]");
        if (box) {
            box.textContent = text;
            box.hidden = false;
        }
    }

    async function run(form, button) {
        var mode = form.getAttribute("data-passkey");
        var response;
        try {
            // The form's fields carry the antiforgery token (and the ReturnUrl where there is one).
            response = await fetch(form.getAttribute("data-options-url"), {
                method: "POST",
                body: new FormData(form),
                credentials: "same-origin",
                headers: { "Accept": "application/json" }
            });
        } catch (e) {
            showError(form, message(form, "network"));
            return;
        }

        var body = null;
        try {
            body = await response.json();
        } catch (e) {
            body = null;
        }
        if (body && body.redirect) {
            window.location.assign(body.redirect);
            return;
        }
        if (!response.ok || !body || body.error) {
            showError(form, (body && body.error) || message(form, mode));
            return;
        }

        var credential;
        try {
            credential = mode === "create"
                ? await navigator.credentials.create({ publicKey: creationOptions(body) })
                : await navigator.credentials.get({ publicKey: requestOptions(body) });
        } catch (e) {
            showError(form, message(form, mode === "create" && e && e.name === "InvalidStateError" ? "exists" : mode));
            return;
        }
        if (!credential) {
            showError(form, message(form, mode));
            return;
        }

        form.querySelector("[data-passkey-credential]").value = credentialJson(credential);
        form.submit();
    }

    function wire(form) {
        var button = form.querySelector("[data-passkey-button]");
        form.querySelectorAll("[data-passkey-unsupported]").forEach(function (note) { note.hidden = true; });
        form.hidden = false;
        if (button) {
            button.hidden = false;
        }
        var busy = false;
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            if (busy) {
                return;
            }
            busy = true;
            if (button) {
                button.disabled = true;
            }
            var box = form.querySelector("[data-passkey-error]");
            if (box) {
                box.hidden = true;
            }
            run(form, button).finally(function () {
                busy = false;
                if (button) {
                    button.disabled = false;
                }
            });
        });
    }

    function start() {
        if (!window.PublicKeyCredential || !navigator.credentials) {
            return;
        }
        document.querySelectorAll("form[data-passkey]").forEach(wire);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
