// A login link carries the token in the URL fragment (#token=...), which browsers never
// send to the server, so it appears in no log. Fill the form with it, drop it from the
// address bar and history, and submit.
(function () {
  var match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match) return;
  history.replaceState(null, "", window.location.pathname + window.location.search);
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("login-form");
    var input = document.getElementById("token");
    if (!form || !input) return;
    input.value = decodeURIComponent(match[1]);
    form.submit();
  });
})();
