// The support chat, live without reloading: new messages are sent with fetch() and the
// other side's are fetched every second. Without JavaScript the form still posts.
(function () {
  var chat = document.querySelector("[data-chat]");
  if (!chat) return;
  var log = chat.querySelector("[role=log]");
  var list = log.querySelector("ol");
  var form = chat.querySelector("form");
  var box = form.querySelector("textarea");
  var url = chat.getAttribute("data-messages-url");
  var busy = false;

  function lastId() {
    var items = list.querySelectorAll("[data-id]");
    return items.length ? Number(items[items.length - 1].getAttribute("data-id")) : 0;
  }

  function show(message) {
    if (list.querySelector('[data-id="' + message.id + '"]')) return;
    var item = document.createElement("li");
    item.className = "chat__message chat__message--" + message.author;
    item.setAttribute("data-id", message.id);
    var author = document.createElement("span");
    author.className = "chat__author";
    author.textContent = message.author_label + ": ";
    var body = document.createElement("span");
    body.className = "chat__body";
    body.textContent = message.body;
    item.append(author, body);
    list.append(item);
    log.scrollTop = log.scrollHeight;
  }

  function poll() {
    if (busy) return;
    busy = true;
    fetch(url + "?after=" + lastId(), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { messages: [] }; })
      .then(function (data) { data.messages.forEach(show); })
      .catch(function () {})
      .finally(function () { busy = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!box.value.trim()) return;
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) return;
      box.value = "";
      box.focus();  // ready for the next message, also after pressing "Send" with the keyboard
      return response.json().then(show);
    });
  });

  setInterval(poll, 1000);
})();
