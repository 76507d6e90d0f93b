"""QFPay counter till: a desktop point of sale for QR wallet payments."""

__version__ = "0.1.0"
