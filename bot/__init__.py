"""The clinic's patient chatbot: explains TMS, exosome infusion and the combined protocol, routes monitor applicants.

Layout (one concept per module):
    content/   the content base staff edit: schema, loading, rendering, checking
    search/    matching typed questions to FAQ entries
    intake/    the monitor application questionnaire engine
    safety/    the crisis screen
    leads/     lead store, outbox and delivery to the staff chat, export
    storage/   SQLite connection and migrations
    handlers/  thin Telegram adapters
"""
