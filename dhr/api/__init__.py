"""The API for agencies' own systems and national bodies: token-authenticated JSON under
/api/v1, described by the OpenAPI document it serves (dhr.api.openapi)."""
