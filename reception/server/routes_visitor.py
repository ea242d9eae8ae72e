"""The visitor's page (seed 003): buy a day pass online and get its QR, through a payment provider.

`GET /pass` is the form (name and phone optional, the branch, the card for the provider), `POST /pass` pays
and sells, and the visitor lands on `/pass/{id}/{signature}`: their pass's QR, valid 24 hours or until its first
use. The signature (an HMAC of the pass id with the server's secret) keeps anyone else from opening the page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import urllib.parse
import uuid
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reception.domain.errors import DomainError, StorageError
from reception.server import payments
from reception.server.requests import server_of

router = APIRouter(tags=["visitor's page"])
MAX_FORM = 8 * 1024

STYLE = """body{font-family:system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}label{display:block;margin:.8rem 0 .2rem}input,select{font-size:1.1rem;width:100%;padding:.4rem}
button{margin-top:1.2rem;font-size:1.2rem;padding:.6rem 1rem;background:#1f4e79;color:#fff;border:0;border-radius:6px}
.error{color:#b00020}.price{font-size:1.4rem;font-weight:bold}img{width:100%;max-width:360px;image-rendering:pixelated}"""


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(f"<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport "
                        f"content='width=device-width,initial-scale=1'><title>{html.escape(title)}</title>"
                        f"<style>{STYLE}</style><body>{body}</body></html>", status_code=status)


def _signature(key: bytes, pass_id: uuid.UUID) -> str:
    return hmac.new(key, pass_id.bytes, hashlib.sha256).hexdigest()[:32]


def _form(request: Request, error: str = "", values: dict[str, str] | None = None) -> HTMLResponse:
    app = server_of(request).app
    values = values or {}
    provider = payments.configured()
    services = app.passes.day_pass_services()
    if provider is None or not services:
        return _page("Day pass", "<h1>Day pass</h1><p>Day passes are sold at the desk of every branch; buying one "
                                 "here is not open yet.</p>", 503)
    branches = [b for b in app.catalogue.branches() if b.is_active]
    options = "".join(f"<option value={b.number}{' selected' if values.get('branch') == str(b.number) else ''}>"
                      f"{html.escape(b.name)}</option>" for b in branches)
    currency = branches[0].rules.currency if branches else ""
    wrong = f"<p class=error role=alert>{html.escape(error)}</p>" if error else ""
    body = (f"<h1>Day pass</h1><p>One entry, valid for 24 hours from now or until you use it.</p>"
            f"<p class=price>{services[0].price:,.2f} {html.escape(currency)}</p>{wrong}"
            f"<form method=post action=/pass><label for=name>Your name (optional)</label>"
            f"<input id=name name=name maxlength=120 value='{html.escape(values.get('name', ''), quote=True)}'>"
            f"<label for=phone>Phone (optional)</label>"
            f"<input id=phone name=phone maxlength=32 value='{html.escape(values.get('phone', ''), quote=True)}'>"
            f"<label for=branch>Branch</label><select id=branch name=branch>{options}</select>"
            f"<label for=card>Card number ({html.escape(provider.name)})</label>"
            f"<input id=card name=card inputmode=numeric autocomplete=cc-number maxlength=24>"
            f"<button type=submit>Pay and get my pass</button></form>")
    return _page("Day pass", body, 400 if error else 200)


@router.get("/pass", response_class=HTMLResponse, include_in_schema=False)
def buy_form(request: Request) -> HTMLResponse:
    return _form(request)


@router.post("/pass", include_in_schema=False)
async def buy(request: Request) -> Response:
    raw = await request.body()
    if len(raw) > MAX_FORM:
        return _page("Day pass", "<h1>Day pass</h1><p class=error>The form was too long.</p>", 413)
    fields = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode("utf-8", "replace")).items()}
    values = {k: fields.get(k, "")[:120] for k in ("name", "phone", "branch")}
    provider = payments.configured()
    if provider is None:
        return _form(request)
    app = server_of(request).app
    try:
        branch_no = int(values["branch"])
    except ValueError:
        return _form(request, "Choose a branch.", values)
    services = app.passes.day_pass_services()
    branch = next((b for b in app.catalogue.branches() if b.number == branch_no), None)
    if not services or branch is None:
        return _form(request, "Choose a branch.", values)
    charged = provider.charge(services[0].price, branch.rules.currency, "Day pass", fields.get("card", "")[:32])
    if not charged.ok:
        return _form(request, charged.message, values)
    try:
        sold = app.passes.sell_online(branch_no, name=values["name"], phone=values["phone"], method=provider.method)
    except StorageError:
        return _form(request, "The gym's system is busy; nothing was sold. Try again in a moment.", values)
    except DomainError as error:
        return _form(request, error.message, values)
    signature = _signature(app.passes.visitor_link_key(), sold.day_pass.id)
    return RedirectResponse(f"/pass/{sold.day_pass.id}/{signature}", status_code=303)


@router.get("/pass/{pass_id}/{signature}", response_class=HTMLResponse, include_in_schema=False)
def show(pass_id: str, signature: str, request: Request) -> HTMLResponse:
    app = server_of(request).app
    missing = _page("Day pass", "<h1>Day pass</h1><p>No such pass. Check the link you were given.</p>", 404)
    try:
        found_id = uuid.UUID(pass_id)
    except ValueError:
        return missing
    if not hmac.compare_digest(signature, _signature(app.passes.visitor_link_key(), found_id)):
        return missing
    found = app.passes.online_code(found_id)
    if found is None:
        return missing
    day_pass, code = found
    from reception.pass_images import pass_qr_png

    image = base64.b64encode(pass_qr_png(code, box=8)).decode("ascii")
    branch = next((b for b in app.catalogue.branches() if b.id == day_pass.branch_id), None)
    zone = ZoneInfo(branch.timezone if branch else "UTC")
    until = day_pass.expires_at.astimezone(zone)
    who = f"<p>{html.escape(day_pass.visitor_name)}</p>" if day_pass.visitor_name else ""
    body = (f"<h1>Your day pass</h1>{who}<p>Show this code at the turnstile or the desk of "
            f"{html.escape(branch.name if branch else '')}. One entry until {until:%H:%M} on {until:%d %b %Y}.</p>"
            f"<img alt='Your day pass' src='data:image/png;base64,{image}'>"
            f"<p>Keep this page: it is your pass. Receipt {html.escape(str(day_pass.payment_id or ''))[:8]}.</p>")
    return _page("Your day pass", body)
