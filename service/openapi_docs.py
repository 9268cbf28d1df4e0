"""Schema descriptions in the OpenAPI document, taken from the Structs' own docstrings.

Each wire Struct documents itself the way the rest of the code does: a class docstring, and a
docstring under each field. This schema plugin turns those into the component's ``description``
and each property's ``description`` when Litestar builds the document, so the text is written
once, beside the field. A field docstring starting with ``Deprecated`` also marks the property
``deprecated: true``. Fields inherit the docstring of the same field on a base class (``items``,
``total``, ... from ``Paged``); a subclass may redefine a field without repeating it. A field
with no docstring anywhere takes the glossary's sentence for its name (``service/schema_glossary.py``:
``board_id``, ``rank_best``, ... mean the same in every body).

A new Struct is described by writing those docstrings; ``tests/service/test_openapi.py`` fails
for any property of the committed document left without a description.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from functools import cache
from typing import TYPE_CHECKING, Any

import msgspec
from litestar.openapi.spec import Reference, Schema
from litestar.plugins import OpenAPISchemaPlugin

from service.schema_glossary import FIELD_GLOSSARY

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator
    from litestar.typing import FieldDefinition

__all__ = ("DocumentedStructSchemaPlugin", "field_docs")


def _own_field_docs(cls: type) -> dict[str, str]:
    """Docstrings written under the fields in the body of ``cls`` itself."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # no source (built in a REPL, or a C type)
        return {}
    tree = ast.parse(source)
    body = next((node.body for node in tree.body if isinstance(node, ast.ClassDef)), [])
    docs: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


@cache
def field_docs(cls: type[msgspec.Struct]) -> dict[str, str]:
    """Each field's description: its docstring, looked up along the class's bases (the nearest one
    wins), else the glossary's entry for its name."""
    written: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if isinstance(base, type) and issubclass(base, msgspec.Struct) and base is not msgspec.Struct:
            written.update(_own_field_docs(base))
    docs = {}
    for name in cls.__struct_fields__:
        description = written.get(name) or FIELD_GLOSSARY.get(name)
        if description:
            docs[name] = description
    return docs


def _describe(schema: Schema | Reference, description: str) -> None:
    if isinstance(schema, Reference) or schema.description is None:
        # a $ref with a sibling description (OpenAPI 3.1) describes the use, not the component
        schema.description = description
    if isinstance(schema, Schema) and description.startswith("Deprecated"):
        schema.deprecated = True


class DocumentedStructSchemaPlugin(OpenAPISchemaPlugin):
    """Litestar's own msgspec Struct schemas, with the class and field docstrings as descriptions.

    Registered in the app's ``plugins``, it is asked before Litestar's built-in schema plugins; it
    lets the built-in Struct plugin build the schema, then adds the descriptions.
    """

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        return not field_definition.is_union and field_definition.is_subclass_of(msgspec.Struct)

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: SchemaCreator) -> Schema:
        builtin = next(
            plugin
            for plugin in schema_creator.plugins
            if plugin is not self and schema_creator.plugin_supports_field(plugin, field_definition)
        )
        schema = builtin.to_openapi_schema(field_definition, schema_creator)
        struct: Any = field_definition.type_
        if schema.description is None and struct.__doc__:
            schema.description = inspect.cleandoc(struct.__doc__)
        encode_names = {f.name: f.encode_name for f in msgspec.structs.fields(struct)}
        for name, description in field_docs(struct).items():
            property_schema = (schema.properties or {}).get(encode_names.get(name, name))
            if property_schema is not None:
                _describe(property_schema, description)
        return schema
