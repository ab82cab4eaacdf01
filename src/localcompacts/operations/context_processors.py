def csp_nonce(request):
    """`{% htmx_script %}` (django-htmx) and our templates read `csp_nonce` from the context."""
    nonce = getattr(request, "csp_nonce", None)
    return {"csp_nonce": nonce} if nonce is not None else {}
