"""Ending a person's sessions when their access changes."""

from allauth.usersessions.models import UserSession


def end_sessions(user) -> int:
    """Sign the person out everywhere; returns how many sessions ended.

    Sessions are tracked by allauth's usersessions, at sign-in and then at most every
    few minutes (members.middleware.SessionActivityMiddleware). A session it did
    not see is still refused: Django drops inactive users on the next request,
    and group changes are read on every request.
    """
    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        session.end()
    return len(sessions)
