pub fn write_signals() {}
