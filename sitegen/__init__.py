"""The site generator's core: YAML data in, validated typed objects and page sources out.

Nothing here imports MkDocs, so the core can move to another static-site engine;
`hooks/` holds the thin MkDocs adapters.
"""
