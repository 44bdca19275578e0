/* My stock: +1 / −1 / set without reloading the page. Without JavaScript the same
   forms post normally and the page reloads. */
(function () {
    "use strict";

    function show(row, data) {
        var record = data.record;
        ["in_stock", "allocated", "available"].forEach(function (name) {
            var cell = row.querySelector('[data-field="' + name + '"]');
            if (cell) { cell.textContent = record[name]; }
        });
        var input = row.querySelector('[data-field="set_to"]');
        if (input) { input.value = record.in_stock; input.min = record.allocated; }
        row.classList.toggle("is-low", record.is_low);
        var status = row.querySelector(".stock-status");
        if (status) {
            status.textContent = data.message;
            status.classList.toggle("is-error", !data.ok);
        }
    }

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form.classList || !form.classList.contains("js-stock-change") || !window.fetch) { return; }
        var row = form.closest("[data-record]");
        if (!row) { return; }
        event.preventDefault();
        var body = new FormData(form);
        if (event.submitter && event.submitter.name) {
            body.set(event.submitter.name, event.submitter.value);
        }
        var buttons = row.querySelectorAll("button");
        row.classList.add("is-busy");
        buttons.forEach(function (button) { button.disabled = true; });
        // form.action would be the buttons named "action": read the attribute.
        fetch(form.getAttribute("action"), {
            method: "POST",
            body: body,
            credentials: "same-origin",
            headers: {"Accept": "application/json"}
        }).then(function (response) {
            return response.json();
        }).then(function (data) {
            show(row, data);
        }).catch(function () {
            // Not an answer we understand (signed out, network): post the plain way.
            if (event.submitter && event.submitter.name) {
                var hidden = document.createElement("input");
                hidden.type = "hidden";
                hidden.name = event.submitter.name;
                hidden.value = event.submitter.value;
                form.appendChild(hidden);
            }
            form.submit();
        }).finally(function () {
            row.classList.remove("is-busy");
            buttons.forEach(function (button) { button.disabled = false; });
        });
    });
})();
