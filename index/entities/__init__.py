"""Named entities: spaCy NER plus per-article rules and a place gazetteer."""

from index.entities.extractor import EntityExtractor

__all__ = ["EntityExtractor"]
