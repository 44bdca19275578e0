// Card payment on the checkout preview page.
// Stripe.js (or localstripe's fake of it, offline) turns the card into a token;
// the server authorises it, reserves the pieces and captures. When the bank asks
// for 3-D Secure, confirmCardPayment shows its window and the server is asked to
// settle the payment again. The card number never reaches this shop's server.
(function () {
  "use strict";
  const form = document.getElementById("card-payment-form");
  if (!form || typeof Stripe === "undefined") {
    return;
  }
  const stripe = Stripe(form.dataset.publishableKey);
  const card = stripe.elements().create("card");
  card.mount("#card-element");
  const button = document.getElementById("pay-button");
  const errors = document.getElementById("card-errors");
  const csrfToken = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function showError(message) {
    errors.textContent = message || "";
    button.disabled = false;
  }

  async function post(url, fields) {
    const body = new URLSearchParams(fields);
    const response = await fetch(url, {
      method: "POST",
      body: body,
      headers: {"X-CSRFToken": csrfToken},
      credentials: "same-origin",
    });
    return response.json();
  }

  function follow(result) {
    if (result.redirect) {
      window.location.assign(result.redirect);
      return true;
    }
    if (result.error) {
      showError(result.error);
      return true;
    }
    return false;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    button.disabled = true;
    errors.textContent = "";
    try {
      const tokenResult = await stripe.createToken(card);
      if (tokenResult.error) {
        showError(tokenResult.error.message || String(tokenResult.error));
        return;
      }
      let result = await post(form.dataset.payUrl, {
        token: tokenResult.token.id,
        amount_minor: form.dataset.amountMinor,
      });
      if (follow(result)) {
        return;
      }
      if (result.requires_action) {
        // The outcome of the bank's window is read by the server from Stripe.
        await stripe.confirmCardPayment(result.client_secret);
        result = await post(result.confirm_url, {});
        if (follow(result)) {
          return;
        }
      }
      showError(form.dataset.genericError || "");
    } catch (err) {
      showError(String(err));
    }
  });
})();
