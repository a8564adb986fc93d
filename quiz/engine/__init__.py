"""Taking a bank: answers, the session, the flow of screens, scoring, outcomes and their reports."""
