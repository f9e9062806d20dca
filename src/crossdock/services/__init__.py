"""Use cases. Each public function is one transaction: load under lock, decide in domain, write."""
