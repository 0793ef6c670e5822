// The local chat page: draws both chats from /api/state (a long poll) and sends what the person does.
// Message HTML comes from the server already reduced to Telegram's subset and escaped (telegram_view.py).
"use strict";

let version = -1;
const drawn = {patient: new Map(), staff: new Map()};  // message key -> its bubble, for redrawing only changes

// One request at a time: two quick presses (tick a box, then "Done") sent as two fetches at once can reach the
// server in the other order, and the bot would then see "Done" before the tick.
let sending = Promise.resolve(true);

function post(path, body) {
  const sent = sending.then(() => fetch(path, {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
  })).then((response) => response.ok, () => false);
  sending = sent;
  return sent;
}

function bubble(pane, message) {
  const div = document.createElement("div");
  div.className = "msg " + (message.kind === "notice" ? "notice" : message.from_bot ? "bot" : "user");
  div.dataset.id = message.id;
  div.dataset.kind = message.kind;
  if (message.kind === "photo" && message.file) {
    const img = document.createElement("img");
    img.src = message.file;
    img.alt = "picture";
    div.appendChild(img);
  } else if (message.kind === "document" && message.file) {
    const link = document.createElement("a");
    link.href = message.file;
    link.textContent = "📎 " + message.filename;
    link.setAttribute("download", message.filename);
    div.appendChild(link);
    div.appendChild(document.createElement("br"));
  }
  const body = document.createElement("span");
  body.className = "text";
  body.innerHTML = message.html;
  div.appendChild(body);
  if (message.edited) {
    const mark = document.createElement("span");
    mark.className = "edited";
    mark.textContent = "edited";
    div.appendChild(mark);
  }
  if (message.buttons.length) {
    const keyboard = document.createElement("div");
    keyboard.className = "keyboard";
    for (const row of message.buttons) {
      const line = document.createElement("div");
      line.className = "row";
      for (const b of row) {
        let el;
        if (b.url) {
          el = document.createElement("a");
          el.className = "kb";
          el.href = b.url;
          el.target = "_blank";
          el.rel = "noopener noreferrer";
        } else {
          el = document.createElement("button");
          el.type = "button";
          el.className = "kb";
          el.dataset.callback = b.data || "";
          el.addEventListener("click", () => post("/api/press", {pane, message_id: message.id, data: b.data}));
        }
        el.textContent = b.text;
        line.appendChild(el);
      }
      keyboard.appendChild(line);
    }
    div.appendChild(keyboard);
  }
  for (const spoiler of div.querySelectorAll(".tg-spoiler")) {
    spoiler.addEventListener("click", () => spoiler.classList.add("shown"));
  }
  return div;
}

function draw(pane, chat) {
  const section = document.getElementById(pane);
  const list = section.querySelector(".messages");
  // Like Telegram: a new message scrolls to the bottom; an edit leaves the reader where they are.
  const grew = chat.messages.length > Number(list.dataset.count || 0) || list.dataset.chat !== String(chat.chat_id);
  const scroll = list.scrollTop;
  // Bubbles that did not change are kept, so an opened notice or a revealed spoiler stays as the reader left it.
  const kept = drawn[pane];
  drawn[pane] = new Map();
  list.replaceChildren(...chat.messages.map((m) => {
    const key = chat.chat_id + ":" + m.id + ":" + JSON.stringify(m);
    const element = kept.get(key) || bubble(pane, m);
    drawn[pane].set(key, element);
    return element;
  }));
  list.scrollTop = grew ? list.scrollHeight : scroll;
  list.dataset.count = String(chat.messages.length);
  list.dataset.chat = String(chat.chat_id);
  section.dataset.chat = String(chat.chat_id);
  const alert = section.querySelector(".alert");
  if (chat.alerts !== Number(alert.dataset.seen || 0)) {  // the bot's answer to a button: a toast for 4 s
    alert.dataset.seen = String(chat.alerts);
    alert.textContent = chat.alert;
    alert.hidden = !chat.alert;
    clearTimeout(alert.timer);
    alert.timer = setTimeout(() => { alert.hidden = true; }, 4000);
  }
  if (pane === "patient") document.getElementById("language").value = chat.language;
}

function drawStatus(state) {
  const status = document.getElementById("status");
  status.textContent = state.ready ? "bot ready" : state.problem ? "content has errors" : "starting…";
  status.classList.toggle("ready", state.ready);
  document.body.dataset.ready = state.ready ? "yes" : "no";
  const problem = document.getElementById("problem");
  problem.textContent = state.problem ? "The content has errors (the bot starts once they are fixed):\n\n"
    + state.problem : "";
  problem.hidden = !state.problem;
}

async function poll() {
  for (;;) {
    try {
      const response = await fetch("/api/state?since=" + version, {cache: "no-store"});
      if (!response.ok) throw new Error(String(response.status));
      const state = await response.json();
      version = state.version;
      drawStatus(state);
      draw("patient", state.patient);
      draw("staff", state.staff);
    } catch (error) {
      document.getElementById("status").textContent = "local chat stopped?";
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

for (const section of document.querySelectorAll(".pane")) {
  const form = section.querySelector("form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = form.elements.namedItem("text");
    if (input.value.trim()) post("/api/send", {pane: section.dataset.pane, text: input.value});
    input.value = "";
  });
}
document.getElementById("language").addEventListener("change", (event) => {
  post("/api/patient", {language: event.target.value});
});
document.getElementById("new-patient").addEventListener("click", () => {
  post("/api/patient", {language: document.getElementById("language").value});
});
poll();
