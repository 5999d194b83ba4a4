"""The command path that joins the API and the live layer to storage: the tickets in memory, the
unit of work (decide, store, evolve, push), the automations, the collision report's refusals,
ticket creation and the answers to commands; what the admins set up (agents, settings)."""
