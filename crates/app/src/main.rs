fn main() {
    school_self_eval::app::start();
}
