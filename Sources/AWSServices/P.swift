public enum AWSServicesPlaceholder {}
