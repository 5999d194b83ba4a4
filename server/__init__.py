"""Baton's server: aiohttp around the C++ core (`baton_core`). Entry point: serve.py.

Data flows one way: request -> core command -> core.decide -> stored events -> core.evolve ->
pushed events. No rule about tickets is decided in Python.
"""
