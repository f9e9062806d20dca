"""Store work: start picking, confirm picks, report short picks, pack, ship, ready for pickup, hand over.

Every service takes the acting person's `StaffScope` and refuses work of a store outside it (NotFound,
so another store's work cannot even be seen to exist; PermissionDenied for a role without store work).
"""
