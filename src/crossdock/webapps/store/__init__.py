"""The store app at /store/: the queue, pick lists, packing, shipping and pickup handover."""
