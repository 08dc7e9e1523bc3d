"""Serializers shared by several API modules."""

from rest_framework import serializers


class NamedRefSerializer(serializers.Serializer):
    """A reference to a related object: its id and name."""

    id = serializers.IntegerField()
    name = serializers.CharField()
