"""The HTTP API (docs/API.md): one module per group of calls, the sessions and the JSON errors
around them, and the workspace page. Handlers read and answer; commands go to the command path
(server/commands/)."""
