"""The JSON and YAML parsers' own words (``Expecting ',' delimiter``) in the user's language.

Python's json module and PyYAML explain a syntax error in English phrases. A message quotes them
as a :class:`ParserWords` value, which :class:`kamtrust.inputfile.Reason` says in the message's
language, phrase by phrase; a phrase not listed here is kept as the parser wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ParserWords"]

SPANISH = {
    # json (the decoder's messages, without the position it adds after them)
    "Expecting value": "se esperaba un valor",
    "Expecting property name enclosed in double quotes": "se esperaba un nombre de campo entre comillas dobles",
    "Expecting ':' delimiter": "se esperaba «:»",
    "Expecting ',' delimiter": "se esperaba «,»",
    "Unterminated string starting at": "un texto entre comillas no se cierra",
    "Invalid control character at": "hay un carácter de control dentro de un texto",
    "Invalid \\escape": "hay una secuencia de escape «\\» no válida",
    "Invalid \\uXXXX escape": "hay un escape \\uXXXX no válido",
    "Extra data": "hay más datos después del documento",
    "Illegal trailing comma before end of object": "sobra una coma antes de cerrar el objeto «}»",
    "Illegal trailing comma before end of array": "sobra una coma antes de cerrar la lista «]»",
    # YAML (libyaml and PyYAML: where it was, then what it found)
    "while parsing a block mapping": "al leer un bloque de claves",
    "while parsing a block collection": "al leer una lista",
    "while parsing a flow sequence": "al leer una lista entre corchetes",
    "while parsing a flow mapping": "al leer un objeto entre llaves",
    "while parsing a node": "al leer un valor",
    "while parsing a block node": "al leer un valor",
    "while parsing a flow node": "al leer un valor",
    "while scanning a simple key": "al leer una clave",
    "while scanning a quoted scalar": "al leer un texto entre comillas",
    "while scanning a plain scalar": "al leer un texto",
    "while scanning a block scalar": "al leer un texto en bloque",
    "while scanning for the next token": "al buscar el siguiente elemento",
    "while scanning an alias": "al leer un alias",
    "while scanning an anchor": "al leer un ancla",
    "while scanning a tag": "al leer una etiqueta",
    "while scanning a directive": "al leer una directiva",
    "mapping values are not allowed in this context": "aquí no se admite «clave: valor»",
    "mapping values are not allowed here": "aquí no se admite «clave: valor»",
    "block sequence entries are not allowed in this context": "aquí no se admite un elemento de lista «-»",
    "block sequence entries are not allowed here": "aquí no se admite un elemento de lista «-»",
    "did not find expected key": "no se encontró la clave esperada",
    "did not find expected '-' indicator": "no se encontró el «-» esperado",
    "did not find expected ',' or ']'": "no se encontró la «,» o el «]» esperados",
    "did not find expected ',' or '}'": "no se encontró la «,» o la «}» esperadas",
    "did not find expected node content": "no se encontró el valor esperado",
    "did not find expected comment or line break": "no se encontró el comentario o el salto de línea esperados",
    "could not find expected ':'": "no se encontró el «:» esperado",
    "found unexpected end of stream": "el archivo termina antes de tiempo",
    "found character that cannot start any token": "hay un carácter con el que no puede empezar ningún elemento",
    "found unexpected ':'": "hay un «:» inesperado",
    "found undefined alias": "hay un alias sin definir",
    "found duplicate anchor": "hay un ancla repetida",
    "found unknown escape character": "hay un carácter de escape desconocido",
    "found a tab character where an indentation space is expected": "hay un tabulador donde se espera un espacio de sangría",
    "found a tab character that violates indentation": "hay un tabulador que rompe la sangría",
    "invalid YAML": "YAML no válido",
}
"""Each phrase the parsers write, in Spanish."""


@dataclass(frozen=True)
class ParserWords:
    """What a parser said about a syntax error, as it said it (English)."""

    words: str

    def text(self, lang: str = "en") -> str:
        """The words in ``lang``: each phrase (they are joined by ", ") said again when known."""
        if lang != "es":
            return self.words
        whole = SPANISH.get(self.words)
        if whole is not None:
            return whole
        return ", ".join(_phrase(part) for part in self.words.split(", "))

    def __str__(self) -> str:
        return self.words


def _phrase(part: str) -> str:
    """One phrase in Spanish; json's ``Invalid \\escape: 'q'`` keeps what follows its colon."""
    known = SPANISH.get(part)
    if known is not None:
        return known
    head, colon, rest = part.partition(":")
    if colon and head in SPANISH:
        return f"{SPANISH[head]}:{rest}"
    return part
