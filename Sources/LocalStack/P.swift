import Hummingbird
public enum LocalStackPlaceholder {}
