/* Written by the build (macros/outputs/scripts.py): the words and the addresses. */
var CONFIG = /*CONFIG*/null;
var W = CONFIG.words;
var POLL_MS = 60 * 1000;
var SCRIPT = document.currentScript;
var BASE = SCRIPT && SCRIPT.src ? SCRIPT.src : window.location.href;
var STATUS_JSON = new URL(CONFIG.statusJson, BASE).href;
var STATUS_PAGE = new URL(CONFIG.statusPage, BASE).href;
