"""The API's documentation page: server-rendered from the OpenAPI schema, no JavaScript.

django-ninja ships Swagger UI's files (served locally with ``ninja`` in INSTALLED_APPS),
but Swagger UI applies inline styles, which the platform's CSP (``'self'`` only) refuses;
so the platform renders the reference itself, and the schema stays one download away.
"""

from django.shortcuts import render
from ninja.openapi.docs import DocsBase

METHODS = ("get", "post", "put", "patch", "delete")


def _type_of(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type_of(part) for part in schema["anyOf"])
    if "allOf" in schema:
        return " & ".join(_type_of(part) for part in schema["allOf"])
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    kind = schema.get("type", "any")
    if schema.get("format"):
        kind += f" ({schema['format']})"
    limits = [
        f"{word} {schema[key]}"
        for key, word in (
            ("minimum", "≥"),
            ("maximum", "≤"),
            ("minLength", "length ≥"),
            ("maxLength", "length ≤"),
        )
        if key in schema
    ]
    return kind + (f", {', '.join(limits)}" if limits else "")


def _operations(schema: dict) -> list[dict]:
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            operations.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": _type_of(parameter.get("schema", {})),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "body": _type_of(body["schema"]) if body else "",
                    "responses": [
                        {
                            "status": status,
                            "type": _type_of(
                                answer.get("content", {})
                                .get("application/json", {})
                                .get("schema", {})
                            )
                            if answer.get("content")
                            else "",
                        }
                        for status, answer in operation.get("responses", {}).items()
                    ],
                }
            )
    return operations


def _models(schema: dict) -> list[dict]:
    models = []
    for name, model in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(model.get("required", []))
        models.append(
            {
                "name": name,
                "description": model.get("description", ""),
                "fields": [
                    {
                        "name": field,
                        "type": _type_of(spec),
                        "required": field in required,
                        "description": spec.get("description", ""),
                    }
                    for field, spec in model.get("properties", {}).items()
                ],
                "values": model.get("enum", []),
            }
        )
    return models


class ReferencePage(DocsBase):
    def render_page(self, request, api, **kwargs):
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            "title": schema["info"]["title"],
            "version": schema["info"]["version"],
            "description": schema["info"].get("description", ""),
            "schema_url": self.get_openapi_url(api, kwargs),
            "operations": _operations(schema),
            "models": _models(schema),
        }
        return render(request, "api/docs.html", context)
