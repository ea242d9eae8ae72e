"""Names, branches and the catalogue of the demo gym (DESIGN.md §5)."""

from __future__ import annotations

from decimal import Decimal

from reception.domain.models import ServiceKind

BRANCHES = [
    ("Nasr City", "12 Abbas El Akkad St, Nasr City, Cairo"),
    ("Maadi", "Road 9, Maadi, Cairo"),
    ("Heliopolis", "Baghdad St, Korba, Heliopolis"),
]

# member_no, name, phone, temp password, branch number
NAMED_CUSTOMERS = [
    (1, "Mohamed Salem", "01077827638", "RX04AF", 1),
    (2, "Layla Rashad", "01022981052", "SI19IC", 1),
    (3, "Ibrahim Hassan", "01041244663", "PS02HC", 1),
    (4, "Hadeer Youssef", "01095899313", "PE71JZ", 2),
    (5, "Somaya Hassan", "01085345555", "RK94GG", 2),
]

# name, kind, price, months, units, active
SERVICES = [
    ("Monthly – 1 month", ServiceKind.MONTHLY, Decimal("600.00"), 1, None, True),
    ("Monthly – 3 months", ServiceKind.MONTHLY, Decimal("1500.00"), 3, None, True),
    ("Annual membership", ServiceKind.MONTHLY, Decimal("5000.00"), 12, None, True),
    ("12 sessions pack", ServiceKind.SESSIONS, Decimal("900.00"), 2, 12, True),
    ("24 sessions pack", ServiceKind.SESSIONS, Decimal("1600.00"), 3, 24, True),
    ("Swimming – 10 coins", ServiceKind.COINS, Decimal("500.00"), 3, 10, True),
    ("Summer offer 2025", ServiceKind.MONTHLY, Decimal("450.00"), 1, None, False),
    ("Day pass", ServiceKind.DAY_PASS, Decimal("150.00"), 1, None, True),
]

# username, full name, role, branch number (None for the owner)
STAFF = [
    ("owner", "Karim Mansour", "owner", None),
    ("manager", "Nadia Fathy", "manager", 1),
    ("desk1", "Omar Adel", "receptionist", 1),
    ("desk2", "Mona Samir", "receptionist", 2),
    ("desk3", "Youssef Tarek", "receptionist", 3),
]
DEMO_PASSWORD = "demo1234"

FIRST_LATIN = [
    "Ahmed", "Mohamed", "Mahmoud", "Mostafa", "Omar", "Youssef", "Karim", "Hassan", "Ali", "Tarek", "Amr",
    "Khaled", "Sherif", "Hany", "Islam", "Ziad", "Adham", "Seif", "Nour", "Mariam", "Salma", "Yasmin",
    "Farida", "Habiba", "Aya", "Rana", "Dina", "Heba", "Sara", "Nada", "Mai", "Reem", "Esraa", "Menna",
    "Laila", "Hana", "Malak", "Jana", "Rawan", "Shahd",
]
LAST_LATIN = [
    "Hassan", "Ibrahim", "Mahmoud", "Abdelrahman", "Saleh", "Farouk", "Naguib", "Sayed", "Fawzy", "Kamel",
    "Shaker", "Gaber", "Mansour", "Younis", "Zaki", "Helmy", "Lotfy", "Rizk", "Soliman", "Badawy",
    "El-Sherif", "Mostafa", "Ashraf", "Nabil", "Samy", "Emad", "Wahba", "Ragab", "Hegazy", "Osman",
]
FIRST_ARABIC = [
    "أحمد", "محمد", "محمود", "مصطفى", "عمر", "يوسف", "كريم", "حسن", "علي", "طارق", "إسلام", "زياد",
    "نور", "مريم", "سلمى", "ياسمين", "فريدة", "حبيبة", "آية", "رنا", "هبة", "سارة", "ندى", "منة",
    "ليلى", "هناء", "ملك", "إسراء", "رحمة", "فاطمة",
]
LAST_ARABIC = [
    "حسن", "إبراهيم", "محمود", "عبد الرحمن", "صالح", "فاروق", "نجيب", "السيد", "فوزي", "كامل",
    "شاكر", "جابر", "منصور", "يونس", "زكي", "حلمي", "لطفي", "رزق", "سليمان", "بدوي", "عثمان",
]
STREETS = ["Tahrir St", "Makram Ebeid", "Road 9", "El Nozha St", "Gamal Abdel Nasser", "El Merghany", "Mostafa El Nahas"]
NOTES = ["Prefers the evening trainer", "Knee injury: no heavy squats", "Pays on the 1st of the month", "VIP"]
