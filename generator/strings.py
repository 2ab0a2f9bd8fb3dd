"""Every interface string in one table, so a translation changes one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

ENGLISH: Mapping[str, str] = MappingProxyType({
    "start_page_title": "Start here",
    "helps_with": "What this helps with",
    "you_will_need": "What you will need",
    "time_needed": "How long it takes",
    "start_now": "Start now",
    "other_help": "Other ways to get help",
    "back": "Back",
    "back_to_start": "Back to the start",
    "start_again": "Start again",
    "your_answers": "Your answers",
    "change": "Change",
    "change_answer": "your answer to",
    "usual_route": "The answers that lead here",
    "question_label": "Question",
    "choose_answer": "Choose the answer that fits best",
    "steps": "What to do",
    "full_article": "Read the full guide",
    "did_it_work": "Did this work?",
    "it_worked": "This worked",
    "it_did_not_work": "This did not work",
    "worked_message": "We are glad that worked. You can close this page, or start again "
                      "if you need help with something else.",
    "next_time": "Next time",
    "reviewed": "Facts checked on",
    "sources": "Where these facts come from",
    "for_staff": "For support staff",
    "paths_here": "Answer paths that lead here",
    "paths_count_one": "1 path leads here.",
    "paths_count_many": "{count} paths lead here. The shortest are listed first.",
    "paths_more": "and {count} more",
    "paths_map": "See every way here on the map",
    "help_area": "Need more help?",
    "page_link": "Link to this page",
    "copy_link": "Copy link",
    "copied": "Link copied",
    "copy_failed": "Select the link and copy it",
    "home_search_label": "Search the help center",
    "home_search_example": "For example: forgot password",
    "home_search_button": "Search",
    "home_search_az": "Or see every page from A to Z",
    "index_title": "A-Z of guides, outcomes and articles",
    "page_not_translated": "This page is not in English.",
    "index_intro": "Every guide, every outcome and every article, with the link to paste "
                   "for a reader.",
    "index_outcome": "Steps",
    "index_article": "Article",
    "index_guide": "Guide",
    "map_title": "Map of the guides",
    "map_intro": "Every question and the answers that lead on from it. A page that several "
                 "answers lead to is shown in full the first time only.",
    "map_seen": "see above",
    "articles_title": "Help articles",
    "not_found_title": "We can't find that page",
    "not_found_text": "The link may be old or have a typo. You can start the questions "
                      "again, or get help below.",
    "did_not_work_leads": "If this did not work",
    "language_switch": "Language",
    "months": "January February March April May June July August September October November "
              "December",
    "date_format": "{day} {month} {year}",
    "staff_title": "Desk for support staff",
    "staff_intro": "Every outcome of every guide with a one-line summary and a ready reply to "
                   "paste into an email or a chat.",
    "staff_reply": "I found a page with steps that fit your problem. It is called \u201c{title}\u201d. "
                   "You can open it here: {url}",
    "copy_reply": "Copy reply",
    "reply_copied": "Reply copied",
    "staff_filter": "Filter the outcomes",
    "staff_filter_none": "No outcome matches.",
    "print_title": "All the steps: {title}",
    "print_intro": "Every outcome of this guide on one page, to print and hand over or mail.",
    "print_button": "Print these steps",
    "print_edition": "Print all the steps of this guide",
    "scan_qr": "Scan this code to open these steps on a phone:",
    "final_help": "Still need help? Reach out to the people above. They are there to listen "
                  "and help.",
    "this_page": "this page",
    "not_found_home": "Go to the home page",
    "not_found_search": "Search the help",
    "not_found_index": "Find a page in the A-Z",
    "call_contact": "Call {name}\u00a0{phone}",
    "text_contact": "Text {name}\u00a0{number}",
})


# Spanish: usted, plain words; for families reading Spanish first.
SPANISH: Mapping[str, str] = MappingProxyType({
    "start_page_title": "Empiece aquí",
    "helps_with": "En qué le ayuda",
    "you_will_need": "Lo que va a necesitar",
    "time_needed": "Cuánto tarda",
    "start_now": "Empiece ahora",
    "other_help": "Otras formas de pedir ayuda",
    "back": "Atrás",
    "back_to_start": "Vuelva al inicio",
    "start_again": "Empiece de nuevo",
    "your_answers": "Sus respuestas",
    "change": "Cambie",
    "change_answer": "su respuesta a",
    "usual_route": "Las respuestas que llevan aquí",
    "question_label": "Pregunta",
    "choose_answer": "Elija la que más se parezca a su caso",
    "steps": "Qué hacer",
    "full_article": "Lea la guía completa",
    "did_it_work": "¿Le sirvió?",
    "it_worked": "Me sirvió",
    "it_did_not_work": "No me sirvió",
    "worked_message": "Nos alegra que le haya servido. Puede cerrar esta página, o empezar "
                      "de nuevo si necesita ayuda con otra cosa.",
    "next_time": "La próxima vez",
    "reviewed": "Datos revisados el",
    "for_staff": "Para el personal de apoyo",
    "paths_here": "Respuestas que llevan aquí",
    "paths_count_one": "1 camino lleva aquí.",
    "paths_count_many": "{count} caminos llevan aquí. Primero van los más cortos.",
    "paths_more": "y {count} más",
    "help_area": "¿Necesita más ayuda?",
    "page_link": "Enlace a esta página",
    "copy_link": "Copie el enlace",
    "copied": "Enlace copiado",
    "copy_failed": "Seleccione el enlace y cópielo",
    "home_search_label": "Buscar en la ayuda",
    "home_search_example": "Por ejemplo: olvidé mi contraseña",
    "home_search_button": "Buscar",
    "home_search_az": "O vea todas las páginas de la A a la Z",
    "index_title": "Índice de guías, resultados y artículos",
    "page_not_translated": "Esta página no está en español.",
    "index_intro": "Cada guía, cada resultado y cada artículo, con el enlace para enviar "
                   "a una persona.",
    "index_outcome": "Pasos",
    "index_article": "Artículo",
    "index_guide": "Guía",
    "map_title": "Mapa de las guías",
    "map_intro": "Cada pregunta y las respuestas que siguen. Una página a la que llevan "
                 "varias respuestas se muestra completa solo la primera vez.",
    "map_seen": "vea arriba",
    "articles_title": "Artículos de ayuda",
    "not_found_title": "No encontramos esa página",
    "not_found_text": "Puede que el enlace sea viejo o tenga un error. Puede empezar las "
                      "preguntas de nuevo, o pedir ayuda abajo.",
    "did_not_work_leads": "Si no le sirvió",
    "language_switch": "Idioma",
    "call_contact": "Llame a {name}\u00a0{phone}",
    "text_contact": "Envíe un mensaje de texto a {name}\u00a0{number}",
    "sources": "De dónde salen estos datos",
    "paths_map": "Vea todos los caminos hasta aquí en el mapa",
    "months": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
              "diciembre",
    "date_format": "{day} de {month} de {year}",
    "staff_title": "Página para el personal de apoyo",
    "staff_intro": "Cada resultado de cada guía con un resumen de una línea y una respuesta "
                   "lista para pegar en un correo o un chat.",
    "staff_reply": "Encontré una página con los pasos para su caso. Se llama \u00ab{title}\u00bb. "
                   "Puede abrirla aquí: {url}",
    "copy_reply": "Copie la respuesta",
    "reply_copied": "Respuesta copiada",
    "staff_filter": "Filtre los resultados",
    "staff_filter_none": "Ningún resultado coincide.",
    "print_title": "Todos los pasos: {title}",
    "print_intro": "Cada resultado de esta guía en una página, para imprimir y entregar o enviar "
                   "por correo.",
    "print_button": "Imprima estos pasos",
    "print_edition": "Imprima todos los pasos de esta guía",
    "scan_qr": "Escanee este código para abrir estos pasos en un teléfono:",
    "final_help": "¿Todavía necesita ayuda? Hable con las personas de arriba. Están ahí para "
                  "escucharle y ayudarle.",
    "this_page": "esta página",
    "not_found_home": "Vaya a la página de inicio",
    "not_found_search": "Busque en la ayuda",
    "not_found_index": "Busque una página en el índice",
})
def format_date(date: dt.date, strings: Mapping[str, str]) -> str:
    """A date as readers of the table's language write it: `2 December 2026`."""
    month = strings["months"].split()[date.month - 1]
    return strings["date_format"].format(day=date.day, month=month, year=date.year)
